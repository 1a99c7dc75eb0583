package io.shipwatch.loadtest;

import com.fasterxml.jackson.databind.JsonNode;
import io.shipwatch.core.InputException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * k6's end-of-test summaries: the legacy {@code --summary-export} file and the {@code handleSummary()} data object.
 * They hold k6's own aggregates (k6 interpolates its percentiles, so they are not nearest-rank) for the whole run and
 * for submetrics tagged {@code name:}. In the legacy file a threshold's boolean is true when it FAILED; in
 * handleSummary's {@code {"ok": …}} it is true when it passed. Both read as {@link LoadTestResult.Threshold#ok()}.
 */
public final class K6SummaryParser implements LoadTestParser {
    private static final String HINT = "pass the file written by k6 run --summary-export, or by handleSummary "
            + "returning JSON.stringify(data)";

    @Override
    public String name() {
        return "k6-summary";
    }

    @Override
    public String description() {
        return "k6 --summary-export or handleSummary JSON";
    }

    @Override
    public boolean accepts(Sniff sniff) {
        String head = sniff.trimmedHead();
        return head.startsWith("{") && head.contains("\"metrics\"")
                && (head.contains("\"http_req") || head.contains("\"root_group\"") || head.contains("\"iterations\""));
    }

    @Override
    public LoadTestResult parse(InputStream in, String source) throws IOException {
        JsonNode root = JsonFiles.read(in, source, HINT);
        JsonNode metrics = root.path("metrics");
        if (!metrics.isObject()) {
            throw new InputException(source, "has no 'metrics' object", HINT);
        }
        boolean handleSummary = false;
        for (JsonNode m : metrics) {
            handleSummary |= m.has("values");
        }
        Reader reader = new Reader(metrics, handleSummary, source);
        LabelSummary total = reader.summary("total", "");
        if (total == null) {
            throw new InputException(source + ": metrics.http_reqs", "is missing",
                    "the test made no HTTP requests, or this is not a k6 summary; " + HINT);
        }
        List<LabelSummary> labels = new ArrayList<>();
        List<String> notes = new ArrayList<>(List.of("k6's own aggregates: its percentiles interpolate between "
                + "samples, they are not nearest-rank"));
        for (Iterator<String> it = metrics.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            String prefix = "http_req_duration{name:";
            if (key.startsWith(prefix) && key.endsWith("}")) {
                String name = key.substring(prefix.length(), key.length() - 1);
                LabelSummary label = reader.summary(name, "{name:" + name + "}");
                if (label == null) {
                    notes.add("label '" + name + "' has no http_reqs{name:" + name + "} count; left out");
                } else {
                    labels.add(label);
                }
            }
        }
        if (labels.isEmpty()) {
            notes.add("no per-label submetrics: add thresholds on http_req_duration{name:…} and http_reqs{name:…} "
                    + "to get them");
        }
        return new LoadTestResult(name(), source, false, null, null, total, labels, Map.of(),
                reader.thresholds(), notes);
    }

    /** Reads metric values from either layout. */
    private record Reader(JsonNode metrics, boolean handleSummary, String source) {

        JsonNode values(String metric) {
            JsonNode m = metrics.path(metric);
            return handleSummary ? m.path("values") : m;
        }

        LabelSummary summary(String label, String tags) {
            JsonNode reqs = values("http_reqs" + tags);
            if (!reqs.has("count")) {
                return null;
            }
            long count = (long) number(reqs, "count", "http_reqs" + tags);
            JsonNode failed = values("http_req_failed" + tags);
            Long errors = failed.has("passes") ? (long) number(failed, "passes", "http_req_failed" + tags) : null;
            JsonNode d = values("http_req_duration" + tags);
            String metric = "http_req_duration" + tags;
            return new LabelSummary(label, count, errors, optional(reqs, "rate", "http_reqs" + tags),
                    optional(d, "avg", metric), optional(d, "min", metric), optional(d, "max", metric),
                    optional(d, "med", metric), optional(d, "p(90)", metric), optional(d, "p(95)", metric),
                    optional(d, "p(99)", metric), optional(d, "p(99.9)", metric));
        }

        List<LoadTestResult.Threshold> thresholds() {
            List<LoadTestResult.Threshold> out = new ArrayList<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = metrics.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> metric = it.next();
                for (Iterator<Map.Entry<String, JsonNode>> t = metric.getValue().path("thresholds").fields(); t.hasNext(); ) {
                    Map.Entry<String, JsonNode> threshold = t.next();
                    JsonNode v = threshold.getValue();
                    String where = source + ": metrics." + metric.getKey() + ".thresholds." + threshold.getKey();
                    boolean ok;
                    if (handleSummary && v.path("ok").isBoolean()) {
                        ok = v.path("ok").asBoolean();
                    } else if (!handleSummary && v.isBoolean()) {
                        ok = !v.asBoolean(); // legacy --summary-export: true means the threshold failed
                    } else {
                        throw new InputException(where, "is " + v + ", expected " + (handleSummary
                                ? "{\"ok\": true|false}" : "true or false"), HINT);
                    }
                    out.add(new LoadTestResult.Threshold(metric.getKey(), threshold.getKey(), ok));
                }
            }
            return out;
        }

        private Double optional(JsonNode node, String field, String metric) {
            return node.has(field) ? number(node, field, metric) : null;
        }

        private double number(JsonNode node, String field, String metric) {
            JsonNode v = node.path(field);
            if (!v.isNumber()) {
                throw new InputException(source + ": metrics." + metric + (handleSummary ? ".values." : ".") + field,
                        "is " + v + ", expected a number", HINT);
            }
            return v.asDouble();
        }
    }
}
