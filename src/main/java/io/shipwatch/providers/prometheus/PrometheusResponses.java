package io.shipwatch.providers.prometheus;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.shipwatch.json.Json;
import io.shipwatch.providers.ProviderException;
import io.shipwatch.providers.Series;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads answers of the Prometheus HTTP API ({@code /api/v1/query}, {@code /api/v1/query_range}) into series, or
 * into a {@link ProviderException} that says whether retrying can help.
 * Format: https://prometheus.io/docs/prometheus/latest/querying/api/
 */
final class PrometheusResponses {
    private static final int MAX_SNIPPET = 120;

    private PrometheusResponses() {
    }

    /** The series of a successful answer (matrix, vector or scalar), or the failure the status and body describe. */
    static List<Series> read(int status, String body, String location, Call call) throws ProviderException {
        if (status != 200) {
            throw failure(status, body, location, call);
        }
        JsonNode root = parse(body);
        if (root == null || !root.path("status").isTextual()) {
            throw call.fail("the answer is not Prometheus API JSON (" + snippet(body) + ")",
                    "check that prometheus.url points at Prometheus, including any path prefix", false);
        }
        if (!root.path("status").asText().equals("success")) {
            throw call.fail("Prometheus answered " + error(root) + " to query " + call.quotedQuery(),
                    "fix the query or see the Prometheus log", false);
        }
        try {
            return series(root.path("data"));
        } catch (IllegalArgumentException e) {
            throw call.fail("the answer is not in the Prometheus API format: " + e.getMessage(),
                    "check that prometheus.url points at Prometheus", false, e);
        }
    }

    private static ProviderException failure(int status, String body, String location, Call call) {
        JsonNode root = parse(body);
        boolean prometheusError = root != null && root.path("status").asText().equals("error");
        String said = prometheusError ? error(root) : snippet(body);
        if (status >= 300 && status < 400) {
            return call.fail("redirected (HTTP " + status + ") to " + location,
                    "set prometheus.url to where Prometheus answers", false);
        }
        if (status == 401 || status == 403) {
            return call.fail("Prometheus refused the credentials (HTTP " + status + ")", call.credentialsHint(), false);
        }
        if ((status == 400 || status == 422) && prometheusError) {
            return call.fail("Prometheus rejected query " + call.quotedQuery() + " (HTTP " + status + "): " + said,
                    "fix the PromQL query", false);
        }
        if (status == 404) {
            return call.fail("no Prometheus API here (HTTP 404: " + said + ")",
                    "check prometheus.url, including any path prefix", false);
        }
        if (status == 429 || status >= 500) {
            return call.fail("Prometheus could not answer (HTTP " + status + ": " + said + ")",
                    "try again later, or query a shorter window", true);
        }
        return call.fail("Prometheus answered HTTP " + status + ": " + said,
                "check prometheus.url and the query", false);
    }

    private static List<Series> series(JsonNode data) {
        String type = data.path("resultType").asText();
        JsonNode result = data.path("result");
        switch (type) {
            case "matrix", "vector" -> {
                List<Series> series = new ArrayList<>();
                for (JsonNode s : requireArray(result, "data.result")) {
                    series.add(new Series(labels(s.path("metric")), points(s, type)));
                }
                return series;
            }
            case "scalar" -> {
                return List.of(new Series(Map.of(), List.of(point(result, "data.result"))));
            }
            default -> throw new IllegalArgumentException("data.resultType is '" + type
                    + "', expected matrix, vector or scalar");
        }
    }

    private static List<Series.Point> points(JsonNode series, String type) {
        if (type.equals("vector")) {
            return List.of(point(series.path("value"), "value"));
        }
        List<Series.Point> points = new ArrayList<>();
        // a series of native histograms only has "histograms" and no "values"; it has no float points to read
        if (series.has("values")) {
            for (JsonNode p : requireArray(series.path("values"), "values")) {
                points.add(point(p, "values"));
            }
        }
        return points;
    }

    /** A [unix seconds, "value"] pair; values are strings so that NaN and ±Inf survive JSON. */
    private static Series.Point point(JsonNode pair, String where) {
        if (!pair.isArray() || pair.size() != 2 || !pair.get(0).isNumber() || !pair.get(1).isTextual()) {
            throw new IllegalArgumentException(where + " has " + pair + ", expected [time, \"value\"]");
        }
        long millis = Math.round(pair.get(0).asDouble() * 1000);
        return new Series.Point(Instant.ofEpochMilli(millis), value(pair.get(1).asText(), where));
    }

    static double value(String text, String where) {
        switch (text) {
            case "NaN":
                return Double.NaN;
            case "+Inf", "Inf":
                return Double.POSITIVE_INFINITY;
            case "-Inf":
                return Double.NEGATIVE_INFINITY;
            default:
                try {
                    return Double.parseDouble(text);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(where + " has value '" + text + "', expected a number", e);
                }
        }
    }

    private static Map<String, String> labels(JsonNode metric) {
        Map<String, String> labels = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> label : metric.properties()) {
            labels.put(label.getKey(), label.getValue().asText());
        }
        return labels;
    }

    private static JsonNode requireArray(JsonNode node, String where) {
        if (!node.isArray()) {
            throw new IllegalArgumentException(where + " is " + (node.isMissingNode() ? "missing" : node.getNodeType())
                    + ", expected an array");
        }
        return node;
    }

    private static String error(JsonNode root) {
        String type = root.path("errorType").asText("");
        String error = root.path("error").asText("");
        return type.isEmpty() ? error : type + ": " + error;
    }

    private static JsonNode parse(String body) {
        try {
            JsonNode root = Json.mapper().readTree(body);
            return root != null && root.isObject() ? root : null;
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    private static String snippet(String body) {
        String text = body == null || body.isBlank() ? "empty body" : Call.oneLine(body);
        return text.length() > MAX_SNIPPET ? text.substring(0, MAX_SNIPPET) + "…" : text;
    }
}
