package io.shipwatch.loadtest;

import io.shipwatch.core.InputException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Locust's {@code --csv PREFIX} summary, {@code PREFIX_stats.csv}: one row per request type and name, and the
 * {@code Aggregated} row for the whole run. Locust rounds response times into buckets before taking percentiles
 * (two significant digits above 100 ms), and its final file can miss the last requests; the numbers are Locust's.
 */
public final class LocustStatsParser implements LoadTestParser {
    private static final String HINT = "pass the _stats.csv written by locust --csv PREFIX";

    @Override
    public String name() {
        return "locust-stats";
    }

    @Override
    public String description() {
        return "Locust _stats.csv";
    }

    @Override
    public boolean accepts(Sniff sniff) {
        String first = sniff.firstLine();
        return first.contains("Name") && (first.contains("Request Count") || first.contains("# requests"))
                && !first.contains("Timestamp");
    }

    @Override
    public LoadTestResult parse(InputStream in, String source) throws IOException {
        LocustCsv csv = new LocustCsv(in, source, HINT);
        int type = csv.column("Type", "Method");
        int name = csv.column("Name");
        int count = csv.column("Request Count", "# requests");
        int failures = csv.column("Failure Count", "# failures");
        int median = csv.column("Median Response Time", "Median response time");
        int mean = csv.column("Average Response Time", "Average response time");
        int min = csv.column("Min Response Time", "Min response time");
        int max = csv.column("Max Response Time", "Max response time");
        int rps = csv.column("Requests/s");
        int p90 = csv.column("90%");
        int p95 = csv.column("95%");
        int p99 = csv.column("99%");
        int p999 = csv.column("99.9%");
        List<LabelSummary> labels = new ArrayList<>();
        LabelSummary total = null;
        while (csv.next()) {
            boolean aggregated = csv.text(name).equals("Aggregated") || csv.text(name).equals("Total");
            String label = aggregated ? "total" : csv.label(type, name);
            long n = csv.whole(count);
            LabelSummary s = new LabelSummary(label, n, csv.whole(failures), csv.number(rps),
                    n == 0 ? null : csv.number(mean), n == 0 ? null : csv.number(min), n == 0 ? null : csv.number(max),
                    csv.number(median), csv.number(p90), csv.number(p95), csv.number(p99), csv.number(p999));
            if (aggregated) {
                total = s;
            } else {
                labels.add(s);
            }
        }
        if (total == null) {
            throw new InputException(source, "has no Aggregated row", "the file looks truncated; " + HINT);
        }
        return new LoadTestResult(name(), source, false, null, null, total, labels, Map.of(), List.of(),
                List.of("Locust's own aggregates: it rounds response times into buckets before taking percentiles"));
    }
}
