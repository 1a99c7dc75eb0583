package io.shipwatch.providers.datadog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.shipwatch.core.TimeWindow;
import io.shipwatch.providers.ProviderException;
import io.shipwatch.providers.Rollup;
import io.shipwatch.providers.Series;
import io.shipwatch.testing.ReplayServer;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link DatadogProvider} against a local server replaying Datadog's recorded answer shapes. */
class DatadogProviderTest {
    private static final TimeWindow WINDOW = new TimeWindow(Instant.parse("2026-11-26T14:00:00Z"),
            Instant.parse("2026-11-26T14:05:00Z"));

    private ReplayServer server;
    private DatadogProvider provider;

    @BeforeEach
    void start() {
        server = ReplayServer.start();
        URI base = server.url("");
        provider = DatadogProvider.create(new DatadogMetricsConfig(URI.create(base.toString().replaceAll("/$", "")),
                "api-key-0123456789", "app-key-0123456789", Duration.ofSeconds(5)));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void sendsTheQueryWindowAndBothKeys() throws ProviderException {
        server.answer(200, "application/json", ReplayServer.resource("providers/datadog/query-ok.json"));
        provider.queryRange("sum:trace.http.request.errors{service:checkout,version:2.1.0}.as_rate()", WINDOW,
                Duration.ofSeconds(60));
        ReplayServer.Request r = server.lastRequest();
        assertThat(r.method()).isEqualTo("GET");
        assertThat(r.path()).isEqualTo("/api/v1/query");
        assertThat(r.form()).containsEntry("from", "1795701600").containsEntry("to", "1795701900")
                .containsEntry("query", "sum:trace.http.request.errors{service:checkout,version:2.1.0}.as_rate()");
        assertThat(r.header("DD-API-KEY")).isEqualTo("api-key-0123456789");
        assertThat(r.header("DD-APPLICATION-KEY")).isEqualTo("app-key-0123456789");
    }

    @Test
    void graphsRollUpASingleMetricByTheirAggregationOverTheStep() throws ProviderException {
        server.answer(200, "application/json", ReplayServer.resource("providers/datadog/query-ok.json"));
        provider.queryRange("avg:trace.http.request.errors{service:checkout} by {version}", WINDOW,
                Duration.ofHours(3), Rollup.MAX);
        assertThat(server.lastRequest().form()).containsEntry("query",
                "avg:trace.http.request.errors{service:checkout} by {version}.rollup(max, 10800)");
    }

    @Test
    void formulasAndExplicitRollupsAreSentAsWritten() {
        String formula = "sum:errors{service:checkout}.as_count() / sum:hits{service:checkout}.as_count()";
        assertThat(DatadogProvider.rolledUp(formula, Rollup.MAX, Duration.ofHours(1))).isEqualTo(formula);
        String own = "avg:latency{service:checkout}.rollup(p95, 60)";
        assertThat(DatadogProvider.rolledUp(own, Rollup.MAX, Duration.ofHours(1))).isEqualTo(own);
        assertThat(DatadogProvider.rolledUp("sum:hits{*}.as_rate()", Rollup.AVG, Duration.ofMinutes(5)))
                .isEqualTo("sum:hits{*}.as_rate().rollup(avg, 300)");
        assertThat(DatadogProvider.rolledUp("sum:hits{*}", Rollup.LAST, Duration.ofMinutes(5))).isEqualTo("sum:hits{*}");
    }

    @Test
    void readsThePointsInsideTheWindowWithNullAsNaN() throws ProviderException {
        server.answer(200, "application/json", ReplayServer.resource("providers/datadog/query-ok.json"));
        List<Series> series = provider.queryRange("q", WINDOW, Duration.ofSeconds(60));
        assertThat(series).hasSize(1);
        assertThat(series.get(0).labels()).containsEntry("scope", "service:checkout,version:2.1.0");
        // the sixth point (14:05:00) is outside the half-open window
        assertThat(series.get(0).points()).extracting(Series.Point::value)
                .containsExactly(0.012, 0.011, Double.NaN, 0.014, 0.009);
        assertThat(series.get(0).points().get(0).time()).isEqualTo(Instant.parse("2026-11-26T14:00:00Z"));
    }

    @Test
    void groupedQueryGivesOneSeriesPerGroup() throws ProviderException {
        server.answer(200, "application/json", ReplayServer.resource("providers/datadog/query-two-series.json"));
        assertThat(provider.queryRange("q", WINDOW, Duration.ofSeconds(60))).hasSize(2);
    }

    @Test
    void noMatchIsNoDataNotAnError() throws ProviderException {
        server.answer(200, "application/json", ReplayServer.resource("providers/datadog/query-empty.json"));
        assertThat(provider.queryRange("q", WINDOW, Duration.ofSeconds(60))).isEmpty();
    }

    @Test
    void queryDatadogCannotParseIsAnErrorWithItsMessage() {
        server.answer(400, "application/json", ReplayServer.resource("providers/datadog/query-parse-error.json"));
        ProviderException e = catchThrowableOfType(ProviderException.class,
                () -> provider.queryRange("q", WINDOW, Duration.ofSeconds(60)));
        assertThat(e.getMessage()).startsWith("Datadog at http://").contains(": answered 400: Error parsing query: "
                + "unable to parse sum:trace.http.request.errors{service:checkout: Rule 'scope_expr' didn't match");
        assertThat(e.retryable()).isFalse();
    }

    @Test
    void refusedKeysSayWhatToCheck() {
        server.answer(403, "application/json", ReplayServer.resource("providers/datadog/forbidden.json"));
        ProviderException e = catchThrowableOfType(ProviderException.class,
                () -> provider.queryRange("q", WINDOW, Duration.ofSeconds(60)));
        assertThat(e.getMessage()).endsWith(": refused the keys (403 Forbidden); check the API key and the application "
                + "key, which needs the timeseries_query scope");
        assertThat(e.getMessage()).doesNotContain("app-key-0123456789");
    }

    @Test
    void serverErrorsAreRetryable() {
        server.answer(503, "application/json", "{\"errors\":[\"Service Unavailable\"]}");
        ProviderException e = catchThrowableOfType(ProviderException.class,
                () -> provider.queryRange("q", WINDOW, Duration.ofSeconds(60)));
        assertThat(e.retryable()).isTrue();
        assertThat(e.getMessage()).endsWith(": answered 503: Service Unavailable");
    }

    @Test
    void unreachableIsARetryableError() {
        server.close();
        ProviderException e = catchThrowableOfType(ProviderException.class,
                () -> provider.queryRange("q", WINDOW, Duration.ofSeconds(60)));
        assertThat(e.retryable()).isTrue();
        assertThat(e.getMessage()).contains("cannot connect");
    }
}
