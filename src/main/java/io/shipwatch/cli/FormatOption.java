package io.shipwatch.cli;

import io.shipwatch.loadtest.LoadTestParsers;
import picocli.CommandLine.Option;

/**
 * {@code --format}: which parser reads result files, or {@code auto} to detect it from each file's start; and
 * {@code --timestamp-format} for JMeter CSV files saved with a custom timestamp_format.
 */
final class FormatOption {
    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = LoadTestParsers.AUTO,
            description = "auto (the default), jmeter-csv, jmeter-xml, jmeter-statistics, k6-json, k6-csv, "
                    + "k6-summary, locust-stats, locust-history, gatling-log or gatling-stats.")
    String format;

    @Option(names = "--timestamp-format", paramLabel = "PATTERN",
            description = "How JMeter CSV files write timeStamp: ms (epoch milliseconds) or the pattern of "
                    + "jmeter.save.saveservice.timestamp_format, such as 'yyyy/MM/dd HH:mm:ss.SSS'. Default: detected "
                    + "from the first row (ms, ISO 8601, yyyy/MM/dd or yyyy-MM-dd HH:mm:ss[.SSS]).")
    String timestampFormat;

    /** The {@code --timestamp-format} given, checked, or null to detect it. */
    String timestampFormat() {
        if (timestampFormat != null) {
            LoadTestParsers.checkTimestampFormat(timestampFormat);
        }
        return timestampFormat;
    }

    String format() {
        if (!LoadTestParsers.AUTO.equals(format)) {
            LoadTestParsers.byName(format, "--format");
        }
        return format;
    }
}
