package io.shipwatch.loadtest;

import io.shipwatch.core.InputException;
import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;

/**
 * Every load-test result parser by name, and reading a file with one: named with {@code --format}, or detected from
 * the file's start (gzip is undone first). Detection order matters: the most specific formats come first.
 */
public final class LoadTestParsers {
    /** The value of {@code --format} that detects the format. */
    public static final String AUTO = "auto";
    private static final int SNIFF_BYTES = 1 << 16;
    /** JMeter CSV files from this size on are read in parts at once, on every core. */
    private static final long PARALLEL_FROM_BYTES = 16L << 20;
    private static final List<LoadTestParser> ALL = List.of(
            new GatlingLogParser(), new JMeterXmlParser(), new K6JsonParser(), new JMeterStatisticsParser(),
            new GatlingStatsParser(), new K6SummaryParser(), new K6CsvParser(), new LocustHistoryParser(),
            new LocustStatsParser(), new JMeterCsvParser());

    private LoadTestParsers() {
    }

    public static List<LoadTestParser> all() {
        return ALL;
    }

    /** Checks a {@code --timestamp-format} value before any file is read. */
    public static void checkTimestampFormat(String timestampFormat) {
        JMeterTimeStamp.of(timestampFormat, "--timestamp-format");
    }

    /** The names {@code --format} takes, for help texts and hints. */
    public static String names() {
        return ALL.stream().map(LoadTestParser::name).collect(Collectors.joining(", "));
    }

    /** The parser named {@code name}; {@code where} says who named it (a flag, a field). */
    public static LoadTestParser byName(String name, String where) {
        return ALL.stream().filter(p -> p.name().equals(name)).findFirst().orElseThrow(() ->
                new InputException(where, "unknown format '" + name + "'", "use " + AUTO + " or one of " + names()));
    }

    /** Reads {@code file} in {@code format} ({@link #AUTO} to detect it); bad input is an InputException. */
    public static LoadTestResult read(Path file, String format) {
        return read(file, format, null);
    }

    /**
     * As above, with the JMeter CSV {@code timeStamp} format ({@code ms} or a date pattern; null to detect it) that
     * {@code --timestamp-format} names.
     */
    public static LoadTestResult read(Path file, String format, String timestampFormat) {
        String source = file.toString();
        try (InputStream raw = Files.newInputStream(file)) {
            return read(raw, source, file.getFileName().toString(), format, file, timestampFormat);
        } catch (NoSuchFileException e) {
            throw new InputException(source, "no such file", "give the path of a load-test result file");
        } catch (IOException e) {
            throw new InputException(source, "cannot be read (" + e.getMessage() + ")", "check the path and permissions");
        }
    }

    /**
     * Reads the result files of one run (say one per region or load generator) as one result: see
     * {@link RawResults#merge}. Several files must be raw per-request results of one format, since the percentiles of
     * pre-aggregated reports cannot be merged exactly.
     */
    public static LoadTestResult readRun(List<Path> files, String format) {
        return readRun(files, format, null);
    }

    /** As above, with the JMeter CSV {@code timeStamp} format as in {@link #read(Path, String, String)}. */
    public static LoadTestResult readRun(List<Path> files, String format, String timestampFormat) {
        List<LoadTestResult> results = new ArrayList<>();
        for (Path file : files) {
            LoadTestResult r = read(file, format, timestampFormat);
            if (files.size() > 1 && !r.raw()) {
                throw new InputException(r.source(), "is a " + r.format() + " report, and the percentiles of "
                        + "several reports cannot be merged exactly", "give the raw per-request results of each "
                        + "file, or record each report as a run of its own");
            }
            if (!results.isEmpty() && !r.format().equals(results.get(0).format())) {
                throw new InputException(r.source(), "is " + r.format() + " but " + results.get(0).source()
                        + " is " + results.get(0).format(), "give the files of one run, all in one format");
            }
            results.add(r);
        }
        return results.size() == 1 ? results.get(0) : RawResults.merge(results);
    }

    /** Reads one result from a stream, {@code source} naming it in messages and {@code fileName} helping detection. */
    public static LoadTestResult read(InputStream raw, String source, String fileName, String format) throws IOException {
        return read(raw, source, fileName, format, null, null);
    }

    /** As above; {@code file}, when not null, is where {@code raw} comes from, so that large ones are read in parts. */
    private static LoadTestResult read(InputStream raw, String source, String fileName, String format, Path file,
                                       String timestampFormat) throws IOException {
        BufferedInputStream in = new BufferedInputStream(raw, SNIFF_BYTES);
        if (isGzip(in)) {
            file = null;
            in = new BufferedInputStream(new GZIPInputStream(in, 1 << 16), SNIFF_BYTES);
            fileName = fileName.replaceFirst("\\.gz$", "");
        }
        LoadTestParser.Sniff sniff = sniff(in, fileName);
        if (sniff.head().isEmpty()) {
            throw new InputException(source, "the file is empty", "check that the load test ran and wrote its results");
        }
        LoadTestParser parser = AUTO.equals(format) ? detect(sniff, source) : byName(format, "--format");
        if (parser instanceof JMeterCsvParser && timestampFormat != null) {
            parser = new JMeterCsvParser(JMeterTimeStamp.of(timestampFormat, "--timestamp-format"));
        }
        try {
            int cores = Runtime.getRuntime().availableProcessors();
            if (file != null && parser instanceof JMeterCsvParser csv && cores > 1
                    && Files.size(file) >= PARALLEL_FROM_BYTES) {
                // parts of 4 MB or more, a few per core so that one part that is slower to read holds nobody up
                return csv.parse(file, source, (int) Math.min(4L * cores, Files.size(file) / (4 << 20)));
            }
            return parser.parse(in, source);
        } catch (EOFException e) {
            throw new InputException(source, "ends early (" + e.getMessage() + ")",
                    "the file looks truncated; take the whole file");
        }
    }

    private static LoadTestParser detect(LoadTestParser.Sniff sniff, String source) {
        for (LoadTestParser parser : ALL) {
            if (parser.accepts(sniff)) {
                return parser;
            }
        }
        String start = sniff.firstLine().replaceAll("\\p{Cntrl}", "?");
        throw new InputException(source + ":1", "cannot tell the format from its start '"
                + (start.length() > 60 ? start.substring(0, 60) + "…" : start) + "'",
                "pass --format with one of " + names());
    }

    private static boolean isGzip(BufferedInputStream in) throws IOException {
        in.mark(2);
        int a = in.read();
        int b = in.read();
        in.reset();
        return a == 0x1f && b == 0x8b;
    }

    private static LoadTestParser.Sniff sniff(BufferedInputStream in, String fileName) throws IOException {
        in.mark(SNIFF_BYTES);
        byte[] head = in.readNBytes(SNIFF_BYTES - 1);
        in.reset();
        boolean binary = false;
        for (int i = 0; i < Math.min(head.length, 4096); i++) {
            binary |= head[i] == 0;
        }
        return new LoadTestParser.Sniff(fileName, new String(head, StandardCharsets.UTF_8), binary);
    }
}
