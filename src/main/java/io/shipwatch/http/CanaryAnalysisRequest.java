package io.shipwatch.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.shipwatch.core.Problems;
import io.shipwatch.gate.CanaryAnalysis;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Reads the body of {@code POST /api/v1/canaries/analyses} (what {@code canary judge} and {@code canary run} send:
 * the JSON of {@link CanaryAnalysis} without its id) and checks all of it before anything is stored; each problem
 * names its field path. Sizes are bounded so one analysis stays a reasonable row.
 */
final class CanaryAnalysisRequest {
    static final int MAX_STEPS = 100;
    static final int MAX_JUDGEMENTS = 200;
    static final int MAX_METRICS = 100;
    static final int MAX_POINTS = 10_000;
    static final int MAX_TOTAL_POINTS = 200_000;
    private static final Set<String> FIELDS = Set.of("canary", "service", "environment", "version", "deploymentId",
            "kind", "outcome", "reason", "score", "confidence", "startedAt", "finishedAt", "steps");
    private static final Set<String> STEP_FIELDS = Set.of("kind", "weightPercent", "pauseMillis", "phase", "summary",
            "judgements");
    private static final Set<String> JUDGED_FIELDS = Set.of("from", "to", "decision", "score", "reason", "metrics");
    private static final Set<String> METRIC_FIELDS = Set.of("name", "outcome", "critical", "canary", "baseline",
            "estimate", "lower", "upper", "pValue", "effectSize", "reason");
    private static final Set<String> DECISIONS = Set.of("promote", "rollback", "inconclusive");
    private static final Set<String> METRIC_OUTCOMES = Set.of("pass", "high", "low", "nodata", "error");

    private final Problems problems = new Problems();
    private int points;

    private CanaryAnalysisRequest() {
    }

    /** The analysis to store, with a new id; an {@code InputException} listing every problem otherwise. */
    static CanaryAnalysis parse(JsonNode body) {
        return new CanaryAnalysisRequest().analysis(body);
    }

    private CanaryAnalysis analysis(JsonNode body) {
        if (!body.isObject()) {
            problems.add("body", "expected a JSON object, got " + JsonFields.kind(body),
                    "send the analysis as canary judge or canary run do");
            problems.throwIfAny();
        }
        JsonFields f = new JsonFields(body, "", problems);
        f.onlyKnown(FIELDS);
        String canary = required(f, "canary", "");
        String kind = oneOf(f, "kind", "", CanaryAnalysis.KINDS);
        String outcome = oneOf(f, "outcome", "", CanaryAnalysis.OUTCOMES);
        Instant started = requiredTime(f, "startedAt", "");
        Instant finished = requiredTime(f, "finishedAt", "");
        if (started != null && finished != null && finished.isBefore(started)) {
            problems.add("finishedAt", "is before startedAt", "send a finish at or after the start");
        }
        Double confidence = number(body, "confidence", "");
        if (confidence != null && !(confidence > 0 && confidence < 1)) {
            problems.add("confidence", "'" + confidence + "' is not between 0 and 1", "send the level, such as 0.95");
        }
        List<CanaryAnalysis.Step> steps = new ArrayList<>();
        JsonNode array = sized(f, "steps", "", MAX_STEPS);
        for (int i = 0; array != null && i < array.size(); i++) {
            steps.add(step(array.get(i), "steps[" + i + "]."));
        }
        Double score = number(body, "score", "");
        problems.throwIfAny();
        return new CanaryAnalysis(UUID.randomUUID().toString(), canary, f.text("service"), f.text("environment"),
                f.text("version"), f.text("deploymentId"), kind, outcome, f.text("reason"), score, confidence, started,
                finished, steps);
    }

    private CanaryAnalysis.Step step(JsonNode node, String at) {
        if (!object(node, at)) {
            return null;
        }
        JsonFields f = new JsonFields(node, at, problems);
        f.onlyKnown(STEP_FIELDS);
        String kind = oneOf(f, "kind", at, CanaryAnalysis.STEP_KINDS);
        Double weight = number(node, "weightPercent", at);
        if (weight != null && !(weight >= 0 && weight <= 100 && weight == Math.rint(weight))) {
            problems.add(at + "weightPercent", "'" + weight + "' is not a whole percent from 0 to 100", null);
        }
        Double pause = number(node, "pauseMillis", at);
        if (pause != null && !(pause >= 0 && pause == Math.rint(pause))) {
            problems.add(at + "pauseMillis", "'" + pause + "' is not whole milliseconds of 0 or more", null);
        }
        List<CanaryAnalysis.Judged> judged = new ArrayList<>();
        JsonNode array = sized(f, "judgements", at, MAX_JUDGEMENTS);
        for (int i = 0; array != null && i < array.size(); i++) {
            judged.add(judged(array.get(i), at + "judgements[" + i + "]."));
        }
        return new CanaryAnalysis.Step(kind, weight == null ? null : weight.intValue(),
                pause == null ? null : pause.longValue(), f.text("phase"), f.text("summary"), judged);
    }

    private CanaryAnalysis.Judged judged(JsonNode node, String at) {
        if (!object(node, at)) {
            return null;
        }
        JsonFields f = new JsonFields(node, at, problems);
        f.onlyKnown(JUDGED_FIELDS);
        Instant from = requiredTime(f, "from", at);
        Instant to = requiredTime(f, "to", at);
        if (from != null && to != null && to.isBefore(from)) {
            problems.add(at + "to", "is before " + at + "from", "send a window that ends after it starts");
        }
        String decision = oneOf(f, "decision", at, DECISIONS);
        Double score = number(node, "score", at);
        List<CanaryAnalysis.Metric> metrics = new ArrayList<>();
        JsonNode array = sized(f, "metrics", at, MAX_METRICS);
        for (int i = 0; array != null && i < array.size(); i++) {
            metrics.add(metric(array.get(i), at + "metrics[" + i + "]."));
        }
        return new CanaryAnalysis.Judged(from, to, decision, score == null ? 0 : score, f.text("reason"), metrics);
    }

    private CanaryAnalysis.Metric metric(JsonNode node, String at) {
        if (!object(node, at)) {
            return null;
        }
        JsonFields f = new JsonFields(node, at, problems);
        f.onlyKnown(METRIC_FIELDS);
        String name = required(f, "name", at);
        String outcome = oneOf(f, "outcome", at, METRIC_OUTCOMES);
        JsonNode critical = node.get("critical");
        if (critical != null && !critical.isBoolean() && !critical.isNull()) {
            problems.add(at + "critical", "expected a boolean, got " + JsonFields.kind(critical), null);
        }
        return new CanaryAnalysis.Metric(name, outcome, critical != null && critical.asBoolean(),
                points(f, "canary", at), points(f, "baseline", at), number(node, "estimate", at),
                number(node, "lower", at), number(node, "upper", at), number(node, "pValue", at),
                number(node, "effectSize", at), f.text("reason"));
    }

    private List<Double> points(JsonFields f, String field, String at) {
        JsonNode array = sized(f, field, at, MAX_POINTS);
        List<Double> out = new ArrayList<>();
        for (int i = 0; array != null && i < array.size(); i++) {
            JsonNode v = array.get(i);
            if (!v.isNumber()) {
                problems.add(at + field + "[" + i + "]", "expected a number, got " + JsonFields.kind(v),
                        "send the group's points as numbers");
                return out;
            }
            out.add(v.doubleValue());
        }
        points += out.size();
        if (points > MAX_TOTAL_POINTS && points - out.size() <= MAX_TOTAL_POINTS) {
            problems.add(at + field, "the analysis holds more than " + MAX_TOTAL_POINTS + " points",
                    "send fewer judgements or a coarser step");
        }
        return out;
    }

    private JsonNode sized(JsonFields f, String field, String at, int max) {
        JsonNode array = f.array(field);
        if (array != null && array.size() > max) {
            problems.add(at + field, "has " + array.size() + " entries, more than " + max, "send at most " + max);
            return null;
        }
        return array;
    }

    private boolean object(JsonNode node, String at) {
        if (node.isObject()) {
            return true;
        }
        String where = at.substring(0, at.length() - 1);
        problems.add(where, "expected an object, got " + JsonFields.kind(node), null);
        return false;
    }

    private String required(JsonFields f, String field, String at) {
        String v = f.text(field);
        if (v == null || v.isBlank()) {
            problems.add(at + field, "is missing", "name the " + field);
            return null;
        }
        return v;
    }

    private String oneOf(JsonFields f, String field, String at, Set<String> known) {
        String v = f.text(field);
        if (v == null || !known.contains(v)) {
            problems.add(at + field, v == null ? "is missing" : "unknown value '" + v + "'",
                    "use one of " + String.join(", ", known.stream().sorted().toList()));
            return null;
        }
        return v;
    }

    private Instant requiredTime(JsonFields f, String field, String at) {
        if (f.text(field) == null) {
            problems.add(at + field, "is missing", "send an RFC 3339 time");
            return null;
        }
        return f.time(field);
    }

    private Double number(JsonNode node, String field, String at) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isNumber() || !Double.isFinite(v.doubleValue())) {
            problems.add(at + field, "expected a number, got " + JsonFields.kind(v), null);
            return null;
        }
        return v.doubleValue();
    }
}
