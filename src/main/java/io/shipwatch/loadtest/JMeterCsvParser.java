package io.shipwatch.loadtest;

import io.shipwatch.core.InputException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;

/**
 * JMeter's JTL results in CSV: columns named by the header line in any set and order, or JMeter's default 17 columns
 * when the header was not saved; quoted fields may hold commas and line breaks; comma or tab separated. The
 * {@code timeStamp} column is epoch milliseconds or a date pattern ({@code jmeter.save.saveservice.timestamp_format}):
 * given, or detected from the first row among {@link JMeterTimeStamp}'s known ones.
 */
public final class JMeterCsvParser implements LoadTestParser {
    /** The columns JMeter 5 writes by default, in its order. */
    static final List<String> DEFAULT_COLUMNS = List.of("timeStamp", "elapsed", "label", "responseCode",
            "responseMessage", "threadName", "dataType", "success", "failureMessage", "bytes", "sentBytes",
            "grpThreads", "allThreads", "URL", "Latency", "IdleTime", "Connect");
    private static final String HINT = "save results as CSV with jmeter.save.saveservice.output_format=csv and "
            + "timestamp_format=ms, as JMeter does by default";
    /** The time stamps' format as given, or null to detect it. */
    private final JMeterTimeStamp timeStamps;

    public JMeterCsvParser() {
        this(null);
    }

    JMeterCsvParser(JMeterTimeStamp timeStamps) {
        this.timeStamps = timeStamps;
    }

    @Override
    public String name() {
        return "jmeter-csv";
    }

    @Override
    public String description() {
        return "JMeter JTL results in CSV";
    }

    @Override
    public boolean accepts(Sniff sniff) {
        String first = sniff.firstLine();
        if (first.contains("timeStamp") && first.contains("elapsed")) {
            return true;
        }
        // no header: JMeter's default columns start with an epoch-millisecond time stamp and the elapsed time
        return first.matches("\\d{13}[,\\t]\\d+[,\\t].*");
    }

    @Override
    public LoadTestResult parse(InputStream in, String source) throws IOException {
        BufferedInputStream buffered = new BufferedInputStream(in, 1 << 16);
        char separator = separator(buffered);
        CsvReader csv = new CsvReader(buffered, source, separator);
        if (!csv.next()) {
            throw new InputException(source, "the file is empty", HINT);
        }
        Columns columns = Columns.of(csv, source);
        boolean rowPending = !columns.fromHeader || csv.next();
        columns = rowPending ? columns.with(timeStamps(csv, columns, source)) : columns;
        RawResults results = new RawResults(name(), source, 1);
        addRows(csv, columns, rowPending, results, source);
        return build(results, columns);
    }

    private LoadTestResult build(RawResults results, Columns columns) {
        List<String> notes = new ArrayList<>(List.of("timeStamp is read as the sample's start "
                + "(JMeter's default, sampleresult.timestamp.start=true)"));
        if (!columns.fromHeader) {
            notes.add("no header line: read as JMeter's default 17 columns");
        }
        if (!columns.timeStamps.isMillis()) {
            notes.add("timeStamp read as '" + columns.timeStamps.pattern() + "'"
                    + (columns.timeStamps.pattern().startsWith("ISO") ? "" : ", in this machine's time zone"));
        }
        return results.build("the file has only a header; did the test run?", notes);
    }

    private static void addRows(CsvReader csv, Columns columns, boolean rowPending, RawResults results, String source)
            throws IOException {
        while (rowPending || csv.next()) {
            rowPending = false;
            addRow(csv, columns, results, source);
        }
    }

    /**
     * Reads an uncompressed file in {@code parts} parts at once, with the same result and the same errors as
     * {@link #parse}. The file is cut at line breaks. Each part is read from its cut on as if the cut were between
     * records, with line numbers not known yet; a part counts only once the part before it has ended at that cut
     * outside quotes, and its line numbers follow from the line breaks of the parts before. When a cut fell inside a
     * quoted field (a message holding line breaks), the part before it is read again sequentially across the cut, and
     * a part that failed is read again from its known first line, so that its error names the exact line. Memory stays
     * a few buffers and histograms per part.
     */
    LoadTestResult parse(Path file, String source, int parts) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            char separator;
            Columns header;
            try (InputStream head = region(channel, 0, channel.size())) {
                BufferedInputStream buffered = new BufferedInputStream(head, 1 << 16);
                separator = separator(buffered);
                CsvReader csv = new CsvReader(buffered, source, separator);
                if (!csv.next()) {
                    throw new InputException(source, "the file is empty", HINT);
                }
                header = Columns.of(csv, source);
                if (!header.fromHeader || csv.next()) {
                    header = header.with(timeStamps(csv, header, source));
                }
            }
            Columns columns = header;
            long[] cuts = cuts(channel, parts);
            int n = cuts.length - 1;
            int threads = Math.min(n, Runtime.getRuntime().availableProcessors());
            ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
                Thread t = new Thread(r, "jmeter-csv-part");
                t.setDaemon(true);
                return t;
            });
            try {
                // parts are started as earlier ones are merged, a few ahead: at most that many parts' histograms
                int ahead = threads + 1;
                List<Future<Part>> guesses = new ArrayList<>();
                IntFunction<Future<Part>> start = k -> pool.submit(() -> {
                    try {
                        return part(channel, cuts[k], cuts[k + 1], 1, k == n - 1, columns, separator, source);
                    } catch (InputException e) {
                        return Part.FAILED;
                    }
                });
                for (int k = 0; k < Math.min(n, ahead); k++) {
                    guesses.add(start.apply(k));
                }
                RawResults results = new RawResults(name(), source, 1);
                long line = 1;
                int from = 0;
                int to = 1;
                Part part = get(guesses.get(0));
                while (true) {
                    if (part == Part.FAILED) { // again from the known line: throws the error with its exact line
                        part = part(channel, cuts[from], cuts[to], line, to == n, columns, separator, source);
                    }
                    if (part.endedInQuotes) { // the cut at cuts[to] is inside a quoted field: read across it
                        if (to < guesses.size() && guesses.get(to) != null) {
                            guesses.get(to).cancel(false);
                        }
                        to++;
                        part = part(channel, cuts[from], cuts[to], line, to == n, columns, separator, source);
                        continue;
                    }
                    results.addAll(part.results);
                    line += part.lines;
                    if (to == n) {
                        return build(results, columns);
                    }
                    from = to;
                    while (guesses.size() < n && guesses.size() < from + ahead) { // none for parts read across
                        guesses.add(guesses.size() < from ? null : start.apply(guesses.size()));
                    }
                    part = get(guesses.get(to));
                    to++;
                }
            } finally {
                pool.shutdownNow();
            }
        }
    }

    /**
     * The rows from byte {@code from} (a record boundary, if the guess was right) to {@code to}, numbered from
     * {@code firstLine}.
     */
    private Part part(FileChannel channel, long from, long to, long firstLine, boolean last, Columns columns,
                      char separator, String source) throws IOException {
        try (InputStream in = region(channel, from, to)) {
            CsvReader csv = new CsvReader(in, source, separator, firstLine, from == 0, !last);
            RawResults results = new RawResults(name(), source, 1);
            if (from == 0 && columns.fromHeader) {
                csv.next();
            }
            addRows(csv, columns, false, results, source);
            return new Part(results, csv.nextLine() - firstLine, csv.endedInQuotes());
        }
    }

    private static Part get(Future<Part> future) throws IOException {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while reading");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /** The rows of a part, how many line breaks it held, and whether it ended inside a quoted field. */
    private record Part(RawResults results, long lines, boolean endedInQuotes) {
        static final Part FAILED = new Part(null, 0, false);
    }

    /** 0, the cuts just after the first line break at or after each 1/parts of the file, and its size. */
    private static long[] cuts(FileChannel channel, int parts) throws IOException {
        long size = channel.size();
        List<Long> cuts = new ArrayList<>(List.of(0L));
        ByteBuffer buffer = ByteBuffer.allocate(1 << 16);
        for (int k = 1; k < parts; k++) {
            long at = Math.max(size / parts * k, cuts.get(cuts.size() - 1));
            long cut = size;
            search:
            while (at < size) {
                buffer.clear();
                int read = channel.read(buffer, at);
                if (read <= 0) {
                    break;
                }
                for (int i = 0; i < read; i++) {
                    if (buffer.get(i) == '\n') {
                        cut = at + i + 1;
                        break search;
                    }
                }
                at += read;
            }
            if (cut < size && cut > cuts.get(cuts.size() - 1)) {
                cuts.add(cut);
            }
        }
        cuts.add(size);
        return cuts.stream().mapToLong(Long::longValue).toArray();
    }

    /** Bytes {@code from} to {@code to} of the file, read at their position, so parts read at once. */
    private static InputStream region(FileChannel channel, long from, long to) {
        return new InputStream() {
            private long position = from;

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (position >= to) {
                    return -1;
                }
                int n = channel.read(ByteBuffer.wrap(b, off, (int) Math.min(len, to - position)), position);
                if (n < 0) {
                    return -1;
                }
                position += n;
                return n;
            }
        };
    }

    private static void addRow(CsvReader csv, Columns c, RawResults results, String source) {
        if (csv.size() != c.count) {
            String hint = csv.endedWithLineBreak() ? "check the column separator and quoting"
                    : "the file looks truncated; take the whole file, or delete its last, unfinished line";
            throw new InputException(where(source, csv), "has " + csv.size() + " columns but the header has "
                    + c.count, hint);
        }
        long timeStamp = c.timeStamps.isMillis() ? csv.getLong(c.timeStamp) : c.timeStamps.millis(csv.get(c.timeStamp));
        if (timeStamp == CsvReader.NOT_A_NUMBER || timeStamp < 0) {
            throw new InputException(where(source, csv), "column 'timeStamp' is '" + csv.get(c.timeStamp) + "', not "
                    + (c.timeStamps.isMillis() ? "epoch milliseconds" : "'" + c.timeStamps.pattern() + "'"),
                    JMeterTimeStamp.HINT);
        }
        long elapsed = csv.getLong(c.elapsed);
        if (elapsed == CsvReader.NOT_A_NUMBER || elapsed < 0) {
            throw new InputException(where(source, csv), "column 'elapsed' is '" + csv.get(c.elapsed)
                    + "', expected whole milliseconds", "export results as CSV with default columns");
        }
        boolean success;
        if (csv.equalsText(c.success, "true")) {
            success = true;
        } else if (csv.equalsText(c.success, "false")) {
            success = false;
        } else {
            throw new InputException(where(source, csv), "column 'success' is '" + csv.get(c.success)
                    + "', expected true or false", "export results as CSV with default columns");
        }
        results.add(csv.getRepeated(c.label), elapsed, success, timeStamp * 1000, (timeStamp + elapsed) * 1000);
    }

    /** The time stamps' format: as given, else detected from the current (first) row. */
    private JMeterTimeStamp timeStamps(CsvReader csv, Columns c, String source) {
        if (timeStamps != null || csv.size() != c.count) { // a short first row is reported as such by addRow
            return timeStamps != null ? timeStamps : JMeterTimeStamp.MILLIS;
        }
        JMeterTimeStamp detected = JMeterTimeStamp.detect(csv.get(c.timeStamp));
        if (detected == null) {
            throw new InputException(where(source, csv), "column 'timeStamp' is '" + csv.get(c.timeStamp) + "'",
                    JMeterTimeStamp.HINT);
        }
        return detected;
    }

    /** file:line of the current row, made only for a message: a string per row would slow every file down. */
    private static String where(String source, CsvReader csv) {
        return source + ":" + csv.line();
    }

    /** Comma unless the first line has more tabs than commas (jmeter.save.saveservice.default_delimiter=\t). */
    private static char separator(BufferedInputStream in) throws IOException {
        in.mark(1 << 16);
        int commas = 0;
        int tabs = 0;
        for (int i = 0, b; i < (1 << 16) && (b = in.read()) >= 0 && b != '\n'; i++) {
            if (b == ',') {
                commas++;
            } else if (b == '\t') {
                tabs++;
            }
        }
        in.reset();
        return tabs > commas ? '\t' : ',';
    }

    /** Where the columns this parser needs are, from the header or JMeter's defaults. */
    private record Columns(int count, int timeStamp, int elapsed, int label, int success, boolean fromHeader,
                           JMeterTimeStamp timeStamps) {
        Columns with(JMeterTimeStamp formats) {
            return new Columns(count, timeStamp, elapsed, label, success, fromHeader, formats);
        }

        static Columns of(CsvReader csv, String source) {
            List<String> names = new ArrayList<>();
            for (int i = 0; i < csv.size(); i++) {
                names.add(csv.get(i).strip());
            }
            boolean header = names.contains("timeStamp") || names.contains("elapsed");
            if (!header) {
                if (csv.size() != DEFAULT_COLUMNS.size()) {
                    throw new InputException(source + ":" + csv.line(), "no header line and " + csv.size()
                            + " columns, not JMeter's default " + DEFAULT_COLUMNS.size(),
                            "save the header with jmeter.save.saveservice.print_field_names=true");
                }
                names = DEFAULT_COLUMNS;
            }
            return new Columns(names.size(), index(names, "timeStamp", csv, source), index(names, "elapsed", csv, source),
                    index(names, "label", csv, source), index(names, "success", csv, source), header,
                    JMeterTimeStamp.MILLIS);
        }

        private static int index(List<String> names, String column, CsvReader csv, String source) {
            int i = names.indexOf(column);
            if (i < 0) {
                throw new InputException(source + ":" + csv.line(), "the header has no '" + column + "' column",
                        "save it with jmeter.save.saveservice." + switch (column) {
                            case "timeStamp" -> "timestamp_format=ms";
                            case "elapsed" -> "time=true";
                            case "label" -> "label=true";
                            default -> "successful=true";
                        });
            }
            return i;
        }
    }
}
