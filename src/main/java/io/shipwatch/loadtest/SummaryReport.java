package io.shipwatch.loadtest;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Writes a {@link LoadTestResult} as the JSON of {@code loadtest summarize --output json}, a text table or Markdown. */
public final class SummaryReport {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private SummaryReport() {
    }

    /** The documented JSON shape; {@code p999Ms} only when {@code withP999}, missing metrics as null. */
    public static ObjectNode json(LoadTestResult r, boolean withP999) {
        ObjectNode root = JSON.objectNode();
        root.put("format", r.format());
        root.put("source", r.source());
        root.put("raw", r.raw());
        root.put("startedAt", r.startedAt() == null ? null : r.startedAt().toString());
        root.put("endedAt", r.endedAt() == null ? null : r.endedAt().toString());
        root.set("total", stats(JSON.objectNode(), r.total(), withP999));
        ArrayNode labels = root.putArray("labels");
        for (LabelSummary l : r.labels()) {
            stats(labels.addObject().put("label", l.label()), l, withP999);
        }
        if (!r.thresholds().isEmpty()) {
            ArrayNode thresholds = root.putArray("thresholds");
            for (LoadTestResult.Threshold t : r.thresholds()) {
                thresholds.addObject().put("metric", t.metric()).put("threshold", t.expression()).put("ok", t.ok());
            }
        }
        ArrayNode notes = root.putArray("notes");
        r.notes().forEach(notes::add);
        return root;
    }

    private static ObjectNode stats(ObjectNode node, LabelSummary s, boolean withP999) {
        node.put("count", s.count());
        node.put("errors", s.errors());
        node.put("errorRate", s.errorRate());
        node.put("throughputPerSecond", round(s.throughputPerSecond()));
        node.put("meanMs", round(s.meanMs()));
        node.put("minMs", round(s.minMs()));
        node.put("maxMs", round(s.maxMs()));
        node.put("p50Ms", round(s.p50Ms()));
        node.put("p90Ms", round(s.p90Ms()));
        node.put("p95Ms", round(s.p95Ms()));
        node.put("p99Ms", round(s.p99Ms()));
        if (withP999) {
            node.put("p999Ms", round(s.p999Ms()));
        }
        return node;
    }

    /** Three decimals: a microsecond, the finest resolution any supported tool writes. */
    public static Double round(Double v) {
        return v == null || v.isNaN() ? null : Math.round(v * 1000.0) / 1000.0;
    }

    /** A plain-text table, one row per label and a total row, for a terminal. */
    public static String table(LoadTestResult r, boolean withP999) {
        return Tables.text(header(withP999), rows(r, withP999), title(r), false);
    }

    /** A GitHub-flavoured Markdown table, for $GITHUB_STEP_SUMMARY and pull-request comments. */
    public static String markdown(LoadTestResult r, boolean withP999) {
        return "### " + title(r) + "\n\n" + Tables.markdown(header(withP999), rows(r, withP999));
    }

    private static String title(LoadTestResult r) {
        return r.source() + " (" + r.format() + (r.raw() ? ", every request" : ", the tool's aggregates") + ")";
    }

    private static List<String> header(boolean withP999) {
        List<String> h = new ArrayList<>(List.of("label", "count", "errors", "error %", "req/s", "mean ms", "min ms",
                "p50 ms", "p90 ms", "p95 ms", "p99 ms"));
        if (withP999) {
            h.add("p99.9 ms");
        }
        h.add("max ms");
        return h;
    }

    private static List<List<String>> rows(LoadTestResult r, boolean withP999) {
        List<List<String>> rows = new ArrayList<>();
        for (LabelSummary l : r.labels()) {
            rows.add(row(l, withP999));
        }
        rows.add(row(r.total(), withP999));
        return rows;
    }

    private static List<String> row(LabelSummary s, boolean withP999) {
        List<String> row = new ArrayList<>(List.of(s.label(), Long.toString(s.count()),
                s.errors() == null ? "-" : Long.toString(s.errors()),
                s.errorRate() == null ? "-" : String.format(Locale.ROOT, "%.2f", s.errorRate() * 100),
                number(s.throughputPerSecond()), number(s.meanMs()), number(s.minMs()), number(s.p50Ms()),
                number(s.p90Ms()), number(s.p95Ms()), number(s.p99Ms())));
        if (withP999) {
            row.add(number(s.p999Ms()));
        }
        row.add(number(s.maxMs()));
        return row;
    }

    static String number(Double v) {
        if (v == null || v.isNaN()) {
            return "-";
        }
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString(v.longValue())
                : String.format(Locale.ROOT, "%.2f", v);
    }
}
