package io.shipwatch.loadtest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.shipwatch.core.InputException;
import io.shipwatch.core.Problems;
import io.shipwatch.core.Times;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The JSON of a recorded run, as the CLI sends it and the API returns it: the summary fields of
 * {@code loadtest summarize --output json} per label, plus service, scenario, version, status and each raw label's
 * histogram. Reading collects one problem per bad field, so a request is refused whole, never half-recorded.
 */
public final class LoadTestRunJson {
    /** Labels in one run, here and in {@code loadtest summarize}; group labels (URLs without ids) to stay below. */
    public static final int MAX_LABELS = 5000;
    /** Bytes that all of a run's histograms may declare once inflated: what bounds a run's decoded size in memory. */
    static final long MAX_HISTOGRAM_BYTES = 32L * 1024 * 1024;
    private static final Set<String> FIELDS = Set.of("service", "scenario", "version", "status", "format", "source",
            "raw", "startedAt", "endedAt", "total", "labels", "id", "recordedAt", "serviceMetrics");
    private static final Set<String> STAT_FIELDS = Set.of("label", "count", "errors", "errorRate",
            "throughputPerSecond", "meanMs", "minMs", "maxMs", "p50Ms", "p90Ms", "p95Ms", "p99Ms", "p999Ms", "histogram");
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private LoadTestRunJson() {
    }

    public static ObjectNode write(LoadTestRun run) {
        ObjectNode node = JSON.objectNode();
        if (run.id() != null) {
            node.put("id", run.id());
        }
        node.put("service", run.service()).put("scenario", run.scenario()).put("version", run.version())
                .put("status", run.status().wireName());
        if (run.recordedAt() != null) {
            node.put("recordedAt", run.recordedAt().toString());
        }
        ObjectNode summary = SummaryReport.json(run.result(), true);
        summary.remove("notes");
        summary.remove("thresholds");
        node.setAll(summary);
        ArrayNode metrics = node.putArray("serviceMetrics");
        for (ServiceMetric m : run.serviceMetrics()) {
            metrics.addObject().put("id", m.id()).put("title", m.title()).put("unit", m.unit()).put("mean", m.mean())
                    .put("max", m.max()).put("error", m.error());
        }
        ArrayNode labels = (ArrayNode) node.path("labels");
        for (JsonNode label : labels) {
            LatencyHistogram h = run.result().histograms().get(label.path("label").asText());
            if (h != null) {
                ((ObjectNode) label).put("histogram", h.encode());
            }
        }
        return node;
    }

    /** Reads a run sent to the API; every problem is added to {@code problems} with its field path. */
    public static LoadTestRun read(JsonNode body, Problems problems) {
        if (body == null || !body.isObject()) {
            problems.add("body", "expected a JSON object", "send the run as 'shipwatch loadtest record' does");
            return null;
        }
        for (Iterator<String> it = body.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!FIELDS.contains(name)) {
                problems.add(name, "unknown field", "known fields: " + String.join(", ", new java.util.TreeSet<>(FIELDS)));
            }
        }
        String service = name(body, "service", problems);
        String scenario = name(body, "scenario", problems);
        String version = name(body, "version", problems);
        RunStatus status = RunStatus.PASSED;
        if (body.has("status")) {
            status = statusOf(body.path("status"), problems);
        }
        String format = body.path("format").asText("");
        if (LoadTestParsers.all().stream().noneMatch(p -> p.name().equals(format))) {
            problems.add("format", "unknown format '" + format + "'", "use one of " + LoadTestParsers.names());
        }
        boolean raw = body.path("raw").asBoolean(false);
        LabelSummary total = stats(body.path("total"), "total", "total", problems, null);
        List<LabelSummary> labels = new ArrayList<>();
        Histograms histograms = new Histograms();
        JsonNode list = body.path("labels");
        if (!list.isArray() || list.size() > MAX_LABELS) {
            problems.add("labels", list.isArray() ? "has " + list.size() + " labels" : "expected an array",
                    "send at most " + MAX_LABELS + " labels");
        } else {
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < list.size(); i++) {
                String where = "labels[" + i + "]";
                JsonNode l = list.get(i);
                String label = l.path("label").asText("");
                if (label.isEmpty() || !seen.add(label)) {
                    problems.add(where + ".label", label.isEmpty() ? "is missing" : "'" + label + "' is repeated",
                            "give each label once");
                }
                LabelSummary s = stats(l, label, where, problems, histograms);
                if (s != null) {
                    labels.add(s);
                }
            }
        }
        if (raw && histograms.decoded.size() != labels.size()) {
            problems.add("labels", "a raw run needs a histogram on every label", "send the run as 'shipwatch "
                    + "loadtest record' does");
        }
        List<ServiceMetric> metrics = serviceMetrics(body.path("serviceMetrics"), problems);
        Instant started = time(body, "startedAt", problems);
        Instant ended = time(body, "endedAt", problems);
        if (total == null || !problems.isEmpty()) {
            return null;
        }
        LoadTestResult result = new LoadTestResult(format, body.path("source").asText(""), raw, started, ended, total,
                labels, histograms.decoded, List.of(), List.of());
        return new LoadTestRun(null, service, scenario, version, status, null, result, metrics);
    }

    private static List<ServiceMetric> serviceMetrics(JsonNode list, Problems problems) {
        List<ServiceMetric> out = new ArrayList<>();
        if (list.isMissingNode() || list.isNull()) {
            return out;
        }
        if (!list.isArray()) {
            problems.add("serviceMetrics", "expected an array", null);
            return out;
        }
        for (int i = 0; i < list.size(); i++) {
            JsonNode m = list.get(i);
            String where = "serviceMetrics[" + i + "]";
            if (!m.path("id").isTextual() || m.path("id").asText().isEmpty()) {
                problems.add(where + ".id", "is missing", null);
                continue;
            }
            out.add(new ServiceMetric(m.path("id").asText(), m.path("title").asText(m.path("id").asText()),
                    m.path("unit").asText(""), finite(m, "mean", where, problems), finite(m, "max", where, problems),
                    m.hasNonNull("error") ? m.path("error").asText() : null));
        }
        return out;
    }

    private static Double finite(JsonNode node, String field, String where, Problems problems) {
        JsonNode v = node.path(field);
        if (v.isMissingNode() || v.isNull()) {
            return null;
        }
        if (!v.isNumber() || !Double.isFinite(v.asDouble())) {
            problems.add(where + "." + field, "is " + v + ", expected a number", null);
            return null;
        }
        return v.asDouble();
    }

    private static RunStatus statusOf(JsonNode v, Problems problems) {
        for (RunStatus s : RunStatus.values()) {
            if (s.wireName().equals(v.asText())) {
                return s;
            }
        }
        problems.add("status", "unknown status " + v, "use passed, failed or unjudged");
        return null;
    }

    private static String name(JsonNode body, String field, Problems problems) {
        String v = body.path(field).isTextual() ? body.path(field).asText() : null;
        if (v == null || !v.matches(LoadTestRun.NAME_PATTERN)) {
            problems.add(field, v == null ? "is missing" : "'" + v + "' has characters other than letters, digits "
                    + "and . _ - : / @", "give a " + field + " name");
            return null;
        }
        return v;
    }

    private static Instant time(JsonNode body, String field, Problems problems) {
        JsonNode v = body.path(field);
        if (v.isMissingNode() || v.isNull()) {
            return null;
        }
        try {
            return Times.parseInstant(v.asText(), field);
        } catch (InputException e) {
            e.errors().forEach(p -> problems.add(p.where(), p.problem(), p.hint()));
            return null;
        }
    }

    /** The histograms read so far and the inflated bytes they declared, against {@link #MAX_HISTOGRAM_BYTES}. */
    private static final class Histograms {
        final Map<String, LatencyHistogram> decoded = new LinkedHashMap<>();
        long declaredBytes;
    }

    private static LabelSummary stats(JsonNode node, String label, String where, Problems problems,
                                      Histograms histograms) {
        if (!node.isObject()) {
            problems.add(where, "expected an object", null);
            return null;
        }
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!STAT_FIELDS.contains(name)) {
                problems.add(where + "." + name, "unknown field", null);
            }
        }
        JsonNode countNode = node.path("count");
        long count = countNode.isIntegralNumber() && countNode.canConvertToLong() && countNode.asLong() >= 0 ? countNode.asLong() : -1;
        if (count < 0) {
            problems.add(where + ".count", "is " + countNode + ", expected a whole number from 0", null);
        }
        Long errors = null;
        JsonNode e = node.path("errors");
        if (!e.isMissingNode() && !e.isNull()) {
            if (!e.isIntegralNumber() || !e.canConvertToLong() || e.asLong() < 0 || e.asLong() > Math.max(count, 0)) {
                problems.add(where + ".errors", "is " + e + ", expected a whole number from 0 to count", null);
            } else {
                errors = e.asLong();
            }
        }
        LabelSummary s = new LabelSummary(label, count, errors, number(node, "throughputPerSecond", where, problems),
                number(node, "meanMs", where, problems), number(node, "minMs", where, problems),
                number(node, "maxMs", where, problems), number(node, "p50Ms", where, problems),
                number(node, "p90Ms", where, problems), number(node, "p95Ms", where, problems),
                number(node, "p99Ms", where, problems), number(node, "p999Ms", where, problems));
        if (histograms != null && node.hasNonNull("histogram")) {
            String text = node.path("histogram").asText();
            try {
                long before = histograms.declaredBytes;
                histograms.declaredBytes += LatencyHistogram.header(text).payloadBytes();
                if (histograms.declaredBytes > MAX_HISTOGRAM_BYTES) {
                    if (before <= MAX_HISTOGRAM_BYTES) { // said once, at the label that crossed the limit
                        problems.add(where + ".histogram", "takes the run's histograms past " + MAX_HISTOGRAM_BYTES
                                + " bytes once inflated", "send fewer labels (group them) or shorter runs");
                    }
                    return s;
                }
                LatencyHistogram h = LatencyHistogram.decode(text);
                if (h.count() != count) {
                    problems.add(where + ".histogram", "holds " + h.count() + " samples but count is " + count, null);
                }
                histograms.decoded.put(label, h);
            } catch (IllegalArgumentException ex) {
                problems.add(where + ".histogram", "is not an encoded histogram: " + ex.getMessage(), "send the run as "
                        + "'shipwatch loadtest record' does");
            }
        }
        return s;
    }

    private static Double number(JsonNode node, String field, String where, Problems problems) {
        JsonNode v = node.path(field);
        if (v.isMissingNode() || v.isNull()) {
            return null;
        }
        if (!v.isNumber() || !Double.isFinite(v.asDouble()) || v.asDouble() < 0) {
            problems.add(where + "." + field, "is " + v + ", expected a number from 0", null);
            return null;
        }
        return v.asDouble();
    }
}
