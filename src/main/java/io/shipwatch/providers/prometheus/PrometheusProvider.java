package io.shipwatch.providers.prometheus;

import io.shipwatch.core.TimeWindow;
import io.shipwatch.providers.MetricsProvider;
import io.shipwatch.providers.ProviderException;
import io.shipwatch.providers.Rollup;
import io.shipwatch.providers.Series;
import io.shipwatch.providers.StepGrid;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.ConnectException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Queries a Prometheus-compatible HTTP API (Prometheus, Thanos, Mimir, VictoriaMetrics) with form-encoded POSTs, as
 * Grafana does, so long queries never hit URL length limits. Range queries answer at the {@link StepGrid} of the
 * window: multiples of the step in [from, to), the step raised when the window would exceed {@link #MAX_POINTS}.
 */
public final class PrometheusProvider implements MetricsProvider {
    /** Prometheus refuses range queries with more points per series than this. */
    public static final int MAX_POINTS = 11_000;

    private final PrometheusConfig config;
    private final HttpClient http;

    public PrometheusProvider(PrometheusConfig config, HttpClient http) {
        this.config = config;
        this.http = http;
    }

    /** A provider with its own HTTP client: HTTP/1.1, the configured timeout to connect, no redirects followed. */
    public static PrometheusProvider create(PrometheusConfig config) {
        // redirects are reported, not followed: following one would send the credentials to another address
        HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(config.timeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        return new PrometheusProvider(config, http);
    }

    @Override
    public String type() {
        return "prometheus";
    }

    @Override
    public List<Series> queryRange(String query, TimeWindow window, Duration step) throws ProviderException {
        return rangeQuery(query, StepGrid.of(window, step, MAX_POINTS));
    }

    private List<Series> rangeQuery(String query, StepGrid grid) throws ProviderException {
        if (grid.isEmpty()) {
            return List.of();
        }
        Map<String, String> form = new LinkedHashMap<>();
        form.put("query", query);
        form.put("start", seconds(grid.first().toEpochMilli()));
        form.put("end", seconds(grid.last().toEpochMilli()));
        form.put("step", seconds(grid.step().toMillis()));
        return post("/api/v1/query_range", query, form);
    }

    /**
     * Aggregates over each step with a subquery, {@code max_over_time((QUERY)[STEP:RESOLUTION])}, as Grafana users
     * write by hand: query_range alone samples one instant per step and skips whatever happened between.
     */
    @Override
    public List<Series> queryRange(String query, TimeWindow window, Duration step, Rollup rollup)
            throws ProviderException {
        StepGrid grid = StepGrid.endingAt(window, step, MAX_POINTS);
        Duration resolution = grid.rollupResolution();
        if (rollup == Rollup.LAST || resolution.equals(grid.step())) {
            return queryRange(query, window, step);
        }
        return rangeQuery(rolledUp(query, rollup, grid.step(), resolution), grid);
    }

    /** The subquery that aggregates {@code query} over each step, read every {@code resolution}. */
    static String rolledUp(String query, Rollup rollup, Duration step, Duration resolution) {
        return rollup.promqlFunction() + "((" + query + ")[" + duration(step) + ":" + duration(resolution) + "])";
    }

    /** A PromQL duration: "10800s", or "1500ms" when not whole seconds. */
    private static String duration(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
    }

    /** Evaluates {@code query} at one instant: one series per element of the vector, each with one point. */
    public List<Series> queryInstant(String query, Instant at) throws ProviderException {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("query", query);
        form.put("time", seconds(at.toEpochMilli()));
        return post("/api/v1/query", query, form);
    }

    private List<Series> post(String apiPath, String query, Map<String, String> form) throws ProviderException {
        Call call = new Call(config.endpoint(apiPath), query, config);
        HttpRequest.Builder request = HttpRequest.newBuilder(call.endpoint())
                .timeout(config.timeout())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(formBody(form)));
        config.headers().forEach(request::header);
        String authorization = authorization();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        HttpResponse<String> response = send(request.build(), call);
        String location = response.headers().firstValue("Location").orElse("nowhere");
        return PrometheusResponses.read(response.statusCode(), response.body(), location, call);
    }

    private HttpResponse<String> send(HttpRequest request, Call call) throws ProviderException {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (HttpConnectTimeoutException e) {
            throw call.fail("could not connect within " + timeout(),
                    "check that Prometheus is running and prometheus.url is right", true, e);
        } catch (HttpTimeoutException e) {
            throw call.fail("no answer within " + timeout(),
                    "try again later, or query a shorter window or raise prometheus.timeout", true, e);
        } catch (ConnectException e) {
            throw call.fail("cannot connect (" + reason(e) + ")",
                    "check that Prometheus is running and prometheus.url is right", true, e);
        } catch (IOException e) {
            throw call.fail("request failed (" + reason(e) + ")", "try again later", true, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw call.fail("interrupted while waiting for Prometheus", "the query was cancelled", false, e);
        }
    }

    private String authorization() {
        if (config.bearerToken() != null) {
            return "Bearer " + config.bearerToken();
        }
        if (config.user() != null) {
            String pair = config.user() + ":" + (config.password() == null ? "" : config.password());
            return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
        }
        return null;
    }

    private String timeout() {
        Duration t = config.timeout();
        return t.toMillis() % 1000 == 0 ? t.toSeconds() + "s" : t.toMillis() + "ms";
    }

    /** Why a connection failed; java.net.http often gives no text for a refused one, only a ConnectException. */
    private static String reason(IOException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof UnresolvedAddressException) {
                return "host not found";
            }
            if (t.getMessage() != null) {
                return t.getMessage().toLowerCase(Locale.ROOT);
            }
        }
        return e instanceof ConnectException ? "connection refused" : e.getClass().getSimpleName();
    }

    /** Unix seconds as Prometheus reads them: "1795699336", "1795699336.5". */
    private static String seconds(long millis) {
        return BigDecimal.valueOf(millis, 3).stripTrailingZeros().toPlainString();
    }

    private static String formBody(Map<String, String> form) {
        return form.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }
}
