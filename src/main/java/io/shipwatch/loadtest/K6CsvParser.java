package io.shipwatch.loadtest;

import io.shipwatch.core.InputException;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * k6's {@code --out csv} results: one row per metric sample with a header ({@code metric_name,timestamp,
 * metric_value,...}). Every {@code http_req_duration} row is one request, labelled by its {@code name} column. The
 * time stamp is the request's end, in any of k6's {@code timeFormat}s (unix seconds by default, or unix_milli,
 * unix_micro, unix_nano, rfc3339).
 */
public final class K6CsvParser implements LoadTestParser {
    private static final String HINT = "write results with k6 run --out csv=results.csv";

    @Override
    public String name() {
        return "k6-csv";
    }

    @Override
    public String description() {
        return "k6 --out csv results";
    }

    @Override
    public boolean accepts(Sniff sniff) {
        return sniff.firstLine().startsWith("metric_name,timestamp,metric_value");
    }

    @Override
    public LoadTestResult parse(InputStream in, String source) throws IOException {
        CsvReader csv = new CsvReader(in, source, ',');
        if (!csv.next()) {
            throw new InputException(source, "the file is empty", HINT);
        }
        List<String> header = new ArrayList<>();
        for (int i = 0; i < csv.size(); i++) {
            header.add(csv.get(i));
        }
        int metric = column(header, "metric_name", source);
        int timestamp = column(header, "timestamp", source);
        int value = column(header, "metric_value", source);
        int name = header.indexOf("name");
        int url = header.indexOf("url");
        int expected = header.indexOf("expected_response");
        int status = header.indexOf("status");
        RawResults results = new RawResults(name(), source, 1000);
        boolean secondsOnly = false;
        while (csv.next()) {
            String where = source + ":" + csv.line();
            if (csv.size() != header.size()) {
                throw new InputException(where, "has " + csv.size() + " columns but the header has " + header.size(),
                        csv.endedWithLineBreak() ? HINT : "the file looks truncated; take the whole file as k6 wrote it");
            }
            if (!csv.equalsText(metric, "http_req_duration")) {
                continue;
            }
            double ms = csv.getDouble(value);
            if (Double.isNaN(ms) || ms < 0) {
                throw new InputException(where, "column 'metric_value' is '" + csv.get(value)
                        + "', expected milliseconds", HINT);
            }
            long endMicros = endMicros(csv, timestamp, where);
            secondsOnly |= csv.get(timestamp).length() <= 10;
            String label = name >= 0 && !csv.isEmpty(name) ? csv.getRepeated(name)
                    : url >= 0 && !csv.isEmpty(url) ? csv.getRepeated(url) : "(unnamed)";
            boolean success = expected >= 0 && !csv.isEmpty(expected) ? csv.equalsText(expected, "true")
                    : status >= 0 && K6JsonParser.statusSucceeded(csv.get(status));
            results.add(label, ms, success, endMicros - Math.round(ms * 1000), endMicros);
        }
        List<String> notes = new ArrayList<>();
        if (secondsOnly) {
            notes.add("k6 wrote whole-second time stamps, so throughput spans are exact only to a second; "
                    + "use --out csv with K6_CSV_TIME_FORMAT=unix_milli for finer ones");
        }
        return results.build("the file has no http_req_duration rows; did the test make HTTP requests?", notes);
    }

    private static int column(List<String> header, String name, String source) {
        int i = header.indexOf(name);
        if (i < 0) {
            throw new InputException(source + ":1", "the header has no '" + name + "' column", HINT);
        }
        return i;
    }

    /** Unix seconds, milli-, micro- or nanoseconds (told apart by their digits), or an RFC 3339 time. */
    private static long endMicros(CsvReader csv, int column, String where) {
        long n = csv.getLong(column);
        if (n != CsvReader.NOT_A_NUMBER && n >= 0) {
            int digits = Long.toString(n).length();
            if (digits <= 10) {
                return n * 1_000_000L;
            } else if (digits <= 13) {
                return n * 1000L;
            } else if (digits <= 16) {
                return n;
            }
            return n / 1000L;
        }
        try {
            Instant t = OffsetDateTime.parse(csv.get(column)).toInstant();
            return t.getEpochSecond() * 1_000_000L + t.getNano() / 1000;
        } catch (DateTimeParseException e) {
            throw new InputException(where, "column 'timestamp' is '" + csv.get(column)
                    + "', expected unix time or an RFC 3339 time", HINT);
        }
    }
}
