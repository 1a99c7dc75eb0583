package io.shipwatch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Keeps the layout of STYLE.md honest: capabilities hold domain logic free of HTTP, JDBC, CLI and SDK types, and
 * nothing but {@code app} depends on {@code app}.
 */
class ArchitectureTest {
    static final Path MAIN = Path.of("src/main/java/io/shipwatch");
    /** Packages that hold domain logic: testable without a server, a database or a terminal. */
    static final List<String> DOMAIN = List.of("core", "stats", "markers", "graphs", "pipeline", "loadtest", "gate",
            "dora", "ci");
    static final List<String> EDGE_IMPORTS = List.of("import io.javalin", "import java.sql", "import org.jdbi",
            "import picocli", "import java.net.http", "import io.opentelemetry.sdk", "import com.zaxxer",
            "import org.flywaydb", "import io.shipwatch.http", "import io.shipwatch.store", "import io.shipwatch.cli",
            "import io.shipwatch.app");

    @Test
    void domainPackagesImportNoEdges() throws IOException {
        List<String> offences = new ArrayList<>();
        for (String pkg : DOMAIN) {
            for (Path file : javaFiles(MAIN.resolve(pkg))) {
                for (String line : Files.readAllLines(file)) {
                    if (EDGE_IMPORTS.stream().anyMatch(line::startsWith)) {
                        offences.add(MAIN.relativize(file) + ": " + line);
                    }
                }
            }
        }
        assertThat(offences).isEmpty();
    }

    @Test
    void onlyAppImportsApp() throws IOException {
        List<String> offences = new ArrayList<>();
        for (Path file : javaFiles(MAIN)) {
            if (file.startsWith(MAIN.resolve("app"))) {
                continue;
            }
            for (String line : Files.readAllLines(file)) {
                if (line.startsWith("import io.shipwatch.app")) {
                    offences.add(MAIN.relativize(file) + ": " + line);
                }
            }
        }
        assertThat(offences).isEmpty();
    }

    @Test
    void theCheckSeesTheSources() throws IOException {
        assertThat(javaFiles(MAIN.resolve("markers"))).isNotEmpty(); // a wrong path would make the checks above pass
    }

    private static List<Path> javaFiles(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(p -> p.toString().endsWith(".java")).toList();
        }
    }
}
