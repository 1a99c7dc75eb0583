package io.shipwatch.loadtest;

import io.shipwatch.core.InputException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * JMeter's JTL results in CSV: columns named by the header line in any set and order, or JMeter's default 17 columns
 * when the header was not saved; quoted fields may hold commas and line breaks; comma or tab separated.
 */
public final class JMeterCsvParser implements LoadTestParser {
    /** The columns JMeter 5 writes by default, in its order. */
    static final List<String> DEFAULT_COLUMNS = List.of("timeStamp", "elapsed", "label", "responseCode",
            "responseMessage", "threadName", "dataType", "success", "failureMessage", "bytes", "sentBytes",
            "grpThreads", "allThreads", "URL", "Latency", "IdleTime", "Connect");
    private static final String HINT = "save results as CSV with jmeter.save.saveservice.output_format=csv and "
            + "timestamp_format=ms, as JMeter does by default";

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
        boolean rowPending = !columns.fromHeader;
        RawResults results = new RawResults(name(), source, 1);
        while (rowPending || csv.next()) {
            rowPending = false;
            addRow(csv, columns, results, source);
        }
        List<String> notes = new ArrayList<>(List.of("timeStamp is read as the sample's start "
                + "(JMeter's default, sampleresult.timestamp.start=true)"));
        if (!columns.fromHeader) {
            notes.add("no header line: read as JMeter's default 17 columns");
        }
        return results.build("the file has only a header; did the test run?", notes);
    }

    private static void addRow(CsvReader csv, Columns c, RawResults results, String source) {
        if (csv.size() != c.count) {
            String hint = csv.endedWithLineBreak() ? "check the column separator and quoting"
                    : "the file looks truncated; take the whole file, or delete its last, unfinished line";
            throw new InputException(where(source, csv), "has " + csv.size() + " columns but the header has "
                    + c.count, hint);
        }
        long timeStamp = csv.getLong(c.timeStamp);
        if (timeStamp == CsvReader.NOT_A_NUMBER || timeStamp < 0) {
            throw new InputException(where(source, csv), "column 'timeStamp' is '" + csv.get(c.timeStamp)
                    + "', expected epoch milliseconds", "save results with jmeter.save.saveservice.timestamp_format=ms");
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
    private record Columns(int count, int timeStamp, int elapsed, int label, int success, boolean fromHeader) {
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
                    index(names, "label", csv, source), index(names, "success", csv, source), header);
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
