package io.shipwatch.cli;

import io.shipwatch.loadtest.LoadTestParsers;
import picocli.CommandLine.Option;

/** {@code --format}: which parser reads result files, or {@code auto} to detect it from each file's start. */
final class FormatOption {
    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = LoadTestParsers.AUTO,
            description = "auto (the default), jmeter-csv, jmeter-xml, jmeter-statistics, k6-json, k6-csv, "
                    + "k6-summary, locust-stats, locust-history, gatling-log or gatling-stats.")
    String format;

    String format() {
        if (!LoadTestParsers.AUTO.equals(format)) {
            LoadTestParsers.byName(format, "--format");
        }
        return format;
    }
}
