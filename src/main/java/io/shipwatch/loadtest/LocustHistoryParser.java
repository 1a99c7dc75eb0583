package io.shipwatch.loadtest;

import io.shipwatch.core.InputException;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Locust's {@code PREFIX_stats_history.csv}: a row every few seconds with running totals ("Total …" columns), for the
 * Aggregated row and, with {@code --csv-full-history}, for every name. The last row of each name is its total. The
 * percentile columns cover only the last window, so they are not used; nor is the momentary Requests/s.
 */
public final class LocustHistoryParser implements LoadTestParser {
    private static final String HINT = "pass the _stats_history.csv written by locust --csv PREFIX";

    @Override
    public String name() {
        return "locust-history";
    }

    @Override
    public String description() {
        return "Locust _stats_history.csv";
    }

    @Override
    public boolean accepts(Sniff sniff) {
        String first = sniff.firstLine();
        return first.startsWith("Timestamp,") && first.contains("Total Request Count");
    }

    @Override
    public LoadTestResult parse(InputStream in, String source) throws IOException {
        LocustCsv csv = new LocustCsv(in, source, HINT);
        int timestamp = csv.column("Timestamp");
        int type = csv.column("Type");
        int name = csv.column("Name");
        int count = csv.column("Total Request Count");
        int failures = csv.column("Total Failure Count");
        int median = csv.column("Total Median Response Time");
        int mean = csv.column("Total Average Response Time");
        int min = csv.column("Total Min Response Time");
        int max = csv.column("Total Max Response Time");
        Map<String, LabelSummary> last = new LinkedHashMap<>();
        long first = Long.MAX_VALUE;
        long end = Long.MIN_VALUE;
        while (csv.next()) {
            long t = csv.whole(timestamp);
            first = Math.min(first, t);
            end = Math.max(end, t);
            boolean aggregated = csv.text(name).equals("Aggregated");
            String label = aggregated ? "total" : csv.label(type, name);
            long n = csv.whole(count);
            last.put(label, new LabelSummary(label, n, csv.whole(failures), null,
                    n == 0 ? null : csv.number(mean), n == 0 ? null : csv.number(min), n == 0 ? null : csv.number(max),
                    csv.number(median), null, null, null, null));
        }
        LabelSummary total = last.remove("total");
        if (total == null) {
            throw new InputException(source, "has no Aggregated rows", "the file looks truncated; " + HINT);
        }
        return new LoadTestResult(name(), source, false, Instant.ofEpochSecond(first), Instant.ofEpochSecond(end),
                total, new ArrayList<>(last.values()), Map.of(), List.of(),
                List.of("Locust's running totals from the last row of each name; the window's percentile columns "
                        + "and momentary Requests/s are not totals and are left out"));
    }
}
