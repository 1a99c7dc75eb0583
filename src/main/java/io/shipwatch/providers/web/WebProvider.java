package io.shipwatch.providers.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.shipwatch.core.TimeWindow;
import io.shipwatch.json.Json;
import io.shipwatch.providers.MetricsProvider;
import io.shipwatch.providers.ProviderException;
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
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Any HTTP endpoint that answers JSON, as Argo Rollouts' {@code web} metric provider: the URL is filled with
 * {@code {{query}}}, {@code {{start}}}, {@code {{end}}} (RFC 3339) and {@code {{step}}} (seconds), URL-encoded, then
 * fetched with GET; {@code jsonPath} selects the value. A number (or numeric string) is one point at the window's
 * end; an array is one point per element, either a number or a {@code [time, value]} pair (time in Unix seconds or
 * RFC 3339). An explicit null is no data. A non-2xx answer, a body that is not JSON or a path that is not there is
 * an error, as in Argo.
 */
public final class WebProvider implements MetricsProvider {
    private final String urlTemplate;
    private final JsonPath path;
    private final Map<String, String> headers;
    private final Duration timeout;
    private final HttpClient http;

    public WebProvider(String urlTemplate, JsonPath path, Map<String, String> headers, Duration timeout) {
        this.urlTemplate = urlTemplate;
        this.path = path;
        this.headers = Map.copyOf(headers);
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    @Override
    public String type() {
        return "web";
    }

    @Override
    public List<Series> queryRange(String query, TimeWindow window, Duration step) throws ProviderException {
        String url = urlTemplate.replace("{{query}}", encode(query))
                .replace("{{start}}", encode(window.from().toString()))
                .replace("{{end}}", encode(window.to().toString()))
                .replace("{{step}}", Long.toString(Math.max(1, step.toSeconds())));
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new ProviderException("web provider: '" + url + "' is not a URL", false);
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout).header("Accept", "application/json");
        headers.forEach(request::header);
        String where = "web provider at " + uri.getScheme() + "://" + uri.getAuthority() + uri.getPath();
        HttpResponse<String> response;
        try {
            response = http.send(request.GET().build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new ProviderException(where + ": cannot connect (" + (e.getMessage() == null
                    ? e.getClass().getSimpleName() : e.getMessage()) + ")", true, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProviderException(where + ": interrupted", false, e);
        }
        if (response.statusCode() / 100 != 2) {
            throw new ProviderException(where + ": answered " + response.statusCode(), response.statusCode() >= 500);
        }
        JsonNode root;
        try {
            root = Json.mapper().readTree(response.body());
        } catch (IOException e) {
            throw new ProviderException(where + ": the answer is not JSON", false);
        }
        JsonNode selected = path.select(root);
        if (selected == null) {
            throw new ProviderException(where + ": " + path.text() + " is not in the answer", false);
        }
        return selected.isNull() ? List.of() : List.of(new Series(Map.of(), points(selected, window, where)));
    }

    private static List<Series.Point> points(JsonNode node, TimeWindow window, String where) throws ProviderException {
        Instant end = window.to().minusMillis(1);
        List<Series.Point> out = new ArrayList<>();
        if (!node.isArray()) {
            out.add(new Series.Point(end, number(node, where)));
            return out;
        }
        for (JsonNode element : node) {
            if (element.isArray() && element.size() == 2) {
                Instant t = time(element.get(0), where);
                if (window.contains(t)) {
                    out.add(new Series.Point(t, number(element.get(1), where)));
                }
            } else {
                out.add(new Series.Point(end, number(element, where)));
            }
        }
        return out;
    }

    private static double number(JsonNode v, String where) throws ProviderException {
        if (v.isNumber()) {
            return v.doubleValue();
        }
        if (v.isNull()) {
            return Double.NaN;
        }
        if (v.isTextual()) {
            try {
                return Double.parseDouble(v.textValue().trim());
            } catch (NumberFormatException e) {
                // reported below
            }
        }
        throw new ProviderException(where + ": expected a number, got " + v, false);
    }

    private static Instant time(JsonNode v, String where) throws ProviderException {
        if (v.isNumber()) {
            return Instant.ofEpochMilli(Math.round(v.doubleValue() * 1000));
        }
        try {
            return Instant.parse(v.asText());
        } catch (DateTimeParseException e) {
            throw new ProviderException(where + ": expected a time (Unix seconds or RFC 3339), got " + v, false);
        }
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
