package io.shipwatch.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Tests that need a real outside part (PostgreSQL, Prometheus, Chromium) call {@link #require}. On a developer's
 * machine without the part the test is skipped with the reason; with {@code SHIPWATCH_TEST_REQUIRE=all} in the
 * environment (as {@code .ci/run} sets) or {@code -Dshipwatch.test.require=all}, a missing part fails the test
 * instead, so CI can never pass by skipping.
 */
public final class Requirements {
    private Requirements() {
    }

    public static void require(boolean present, String what) {
        if (!present && requireAll()) {
            throw new AssertionError(what + " is required (shipwatch.test.require=all) but missing");
        }
        assumeTrue(present, what + " is missing; skipping (bash .ci/run installs it)");
    }

    private static boolean requireAll() {
        return "all".equals(System.getProperty("shipwatch.test.require", ""))
                || "all".equals(System.getenv("SHIPWATCH_TEST_REQUIRE"));
    }

    /** Finds an executable on the PATH, or null. */
    public static Path executable(String name) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            Path p = Path.of(dir, name);
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        return null;
    }
}
