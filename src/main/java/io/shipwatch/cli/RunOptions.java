package io.shipwatch.cli;

import io.shipwatch.core.Problems;
import io.shipwatch.loadtest.LoadTestRun;
import picocli.CommandLine.Option;

/** {@code --service}, {@code --scenario} and {@code --version}: which recorded runs a command reads or writes. */
final class RunOptions {
    @Option(names = "--service", paramLabel = "SERVICE", description = "The service under test.")
    String service;

    @Option(names = "--scenario", paramLabel = "NAME", description = "The load-test scenario, such as smoke or peak.")
    String scenario;

    @Option(names = "--version", paramLabel = "VERSION", description = "The version under test.")
    String version;

    /** Adds a problem for each missing or malformed option; {@code --version} only when {@code needVersion}. */
    void validate(Problems problems, boolean needVersion) {
        check("--service", service, problems);
        check("--scenario", scenario, problems);
        if (needVersion) {
            check("--version", version, problems);
        }
    }

    private static void check(String flag, String value, Problems problems) {
        if (value == null) {
            problems.add(flag, "is required", "name it, such as " + flag + " " + switch (flag) {
                case "--service" -> "checkout";
                case "--scenario" -> "smoke";
                default -> "2.1.0";
            });
        } else if (!value.matches(LoadTestRun.NAME_PATTERN)) {
            problems.add(flag, "'" + value + "' has characters other than letters, digits and . _ - : / @", null);
        }
    }
}
