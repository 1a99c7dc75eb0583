package io.shipwatch.providers.datadog;

import com.fasterxml.jackson.databind.JsonNode;
import io.shipwatch.core.TimeWindow;
import io.shipwatch.json.Json;
import io.shipwatch.providers.MetricsProvider;
import io.shipwatch.providers.ProviderException;
import io.shipwatch.providers.Rollup;
import io.shipwatch.providers.Series;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Datadog's metrics query API ({@code GET /api/v1/query?from=&to=&query=}) with the API and application keys in
 * headers. Datadog chooses the points' interval from the window's length; write {@code .rollup(avg, 30)} in the
 * query to fix it. Only the points inside the window are kept; null points become NaN.
 */
public final class DatadogProvider implements MetricsProvider {
    /** {@code avg:metric.name{scope} by {tags}}, optionally with functions after it: one metric, no formula. */
    private static final Pattern SINGLE_METRIC = Pattern.compile(
            "\\s*(avg|sum|min|max):[\\w.]+\\{[^{}]*}(\\s*by\\s*\\{[^{}]*})?(\\.\\w+\\([^()]*\\))*\\s*");
    private final DatadogMetricsConfig config;
    private final HttpClient http;

    public DatadogProvider(DatadogMetricsConfig config, HttpClient http) {
        this.config = config;
        this.http = http;
    }

    public static DatadogProvider create(DatadogMetricsConfig config) {
        return new DatadogProvider(config, HttpClient.newBuilder().connectTimeout(config.timeout())
                .followRedirects(HttpClient.Redirect.NEVER).build());
    }

    @Override
    public String type() {
        return "datadog";
    }

    @Override
    public List<Series> queryRange(String query, TimeWindow window, Duration step) throws ProviderException {
        long from = window.from().getEpochSecond();
        long to = (window.to().toEpochMilli() + 999) / 1000;
        URI uri = URI.create(config.baseUrl() + "/api/v1/query?from=" + from + "&to=" + to + "&query="
                + URLEncoder.encode(query, StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(config.timeout())
                .header("Accept", "application/json")
                .header("DD-API-KEY", config.apiKey())
                .header("DD-APPLICATION-KEY", config.applicationKey())
                .GET().build();
        String where = "Datadog at " + config.baseUrl();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new ProviderException(where + ": cannot connect (" + (e.getMessage() == null
                    ? e.getClass().getSimpleName() : e.getMessage()) + "); check the site and the network", true, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProviderException(where + ": interrupted", false, e);
        }
        return read(response.statusCode(), response.body(), window, where);
    }

    /**
     * Adds {@code .rollup(max, STEP)} to a single metric query without its own rollup, so each point aggregates its
     * interval (Datadog's default rollup is avg, which flattens spikes); formulas and explicit rollups are sent as
     * written.
     */
    @Override
    public List<Series> queryRange(String query, TimeWindow window, Duration step, Rollup rollup)
            throws ProviderException {
        return queryRange(rolledUp(query, rollup, step), window, step);
    }

    static String rolledUp(String query, Rollup rollup, Duration step) {
        if (rollup.datadogMethod() == null || !SINGLE_METRIC.matcher(query).matches() || query.contains(".rollup(")) {
            return query;
        }
        return query.strip() + ".rollup(" + rollup.datadogMethod() + ", " + Math.max(1, step.toSeconds()) + ")";
    }

    static List<Series> read(int status, String body, TimeWindow window, String where) throws ProviderException {
        JsonNode json;
        try {
            json = Json.mapper().readTree(body);
        } catch (IOException e) {
            throw new ProviderException(where + ": answered " + status + " with a body that is not JSON", status >= 500);
        }
        if (status == 401 || status == 403) {
            throw new ProviderException(where + ": refused the keys (" + status + " " + errors(json)
                    + "); check the API key and the application key, which needs the timeseries_query scope", false);
        }
        if (status == 429) {
            throw new ProviderException(where + ": rate limited (429); try again later", true);
        }
        if (status != 200) {
            throw new ProviderException(where + ": answered " + status + ": " + errors(json), status >= 500);
        }
        if (!"ok".equals(json.path("status").asText())) {
            throw new ProviderException(where + ": query failed: " + json.path("error").asText(errors(json)), false);
        }
        List<Series> out = new ArrayList<>();
        for (JsonNode s : json.path("series")) {
            Map<String, String> labels = new LinkedHashMap<>();
            labels.put("metric", s.path("metric").asText());
            labels.put("scope", s.path("scope").asText());
            labels.put("expression", s.path("expression").asText());
            List<Series.Point> points = new ArrayList<>();
            for (JsonNode p : s.path("pointlist")) {
                Instant t = Instant.ofEpochMilli(p.get(0).asLong());
                if (window.contains(t)) {
                    JsonNode v = p.get(1);
                    points.add(new Series.Point(t, v == null || v.isNull() ? Double.NaN : v.asDouble()));
                }
            }
            out.add(new Series(labels, points));
        }
        return out;
    }

    private static String errors(JsonNode json) {
        JsonNode errors = json.path("errors");
        if (errors.isArray() && !errors.isEmpty()) {
            List<String> messages = new ArrayList<>();
            errors.forEach(e -> messages.add(e.asText().strip().replaceAll("\\s*[\\r\\n]+\\s*", " ")));
            return String.join("; ", messages);
        }
        return "no error message";
    }
}
