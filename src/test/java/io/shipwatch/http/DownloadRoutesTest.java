package io.shipwatch.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DownloadRoutesTest {

    @Test
    void classesLoadedFromADirectoryHaveNoJarToHandOut() {
        assertThat(DownloadRoutes.runningJar(DownloadRoutesTest.class)).isNull();
    }

    @Test
    void classesLoadedFromAJarNameThatJar() {
        assertThat(DownloadRoutes.runningJar(Test.class)).isNotNull()
                .satisfies(p -> assertThat(p.getFileName().toString()).startsWith("junit-jupiter-api").endsWith(".jar"));
    }
}
