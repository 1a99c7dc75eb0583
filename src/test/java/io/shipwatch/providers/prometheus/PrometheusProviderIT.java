package io.shipwatch.providers.prometheus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.sun.net.httpserver.HttpServer;
import io.shipwatch.core.TimeWindow;
import io.shipwatch.providers.ProviderException;
import io.shipwatch.providers.Series;
import io.shipwatch.testing.OpenMetricsText;
import io.shipwatch.testing.PrometheusServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@link PrometheusProvider} against the real Prometheus, scraping an in-test endpoint and holding backfilled data. */
class PrometheusProviderIT {
    private static final String EXPOSITION = """
            # HELP shipwatch_it_requests_total Requests served.
            # TYPE shipwatch_it_requests_total counter
            shipwatch_it_requests_total{service="checkout",code="200"} 1027
            # HELP shipwatch_it_queue_depth Jobs waiting.
            # TYPE shipwatch_it_queue_depth gauge
            shipwatch_it_queue_depth{service="checkout"} 7.5
            """;
    private static final Duration SERIES_WITHIN = Duration.ofSeconds(30);

    // an hour of per-minute latencies, ending two hours ago: 0.100, 0.105, 0.110, ...
    private static final Instant BACKFILL_FROM = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(3));
    private static final TimeWindow BACKFILL_HOUR = new TimeWindow(BACKFILL_FROM, BACKFILL_FROM.plus(Duration.ofHours(1)));

    private static HttpServer target;
    private static PrometheusServer prometheus;
    private static PrometheusProvider provider;

    @BeforeAll
    static void startPrometheus() throws IOException {
        target = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        target.createContext("/metrics", exchange -> {
            byte[] body = EXPOSITION.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        target.start();
        prometheus = PrometheusServer.builder()
                .scrape("app", URI.create("http://127.0.0.1:" + target.getAddress().getPort() + "/metrics"))
                .backfill(new OpenMetricsText().gauge("shipwatch_it_latency_seconds", Map.of("service", "checkout"),
                        knownLatencies()))
                .start();
        provider = PrometheusProvider.create(PrometheusConfig.of(prometheus.url().toString()));
    }

    @AfterAll
    static void stopPrometheus() {
        if (prometheus != null) {
            prometheus.close();
        }
        if (target != null) {
            target.stop(0);
        }
    }

    private static Map<Instant, Double> knownLatencies() {
        Map<Instant, Double> samples = new LinkedHashMap<>();
        for (int i = 0; i < 60; i++) {
            samples.put(BACKFILL_FROM.plus(Duration.ofMinutes(i)), knownLatency(i));
        }
        return samples;
    }

    private static double knownLatency(int minute) {
        return (100 + 5 * minute) / 1000.0;
    }

    /** Waits (boundedly) for the first scrapes to be queryable; the endpoint is scraped every second. */
    private static List<Series> awaitSeries(String query) throws Exception {
        Instant deadline = Instant.now().plus(SERIES_WITHIN);
        while (Instant.now().isBefore(deadline)) {
            List<Series> series = provider.queryRange(query, TimeWindow.ending(Instant.now(), Duration.ofSeconds(20)),
                    Duration.ofSeconds(1));
            if (!series.isEmpty() && !series.get(0).points().isEmpty()) {
                return series;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no series for " + query + " within " + SERIES_WITHIN.toSeconds() + "s; prometheus"
                + " log: " + prometheus.log());
    }

    @Test
    void rangeQueryReturnsScrapedCounterWithItsLabelsAndValue() throws Exception {
        List<Series> series = awaitSeries("shipwatch_it_requests_total");

        assertThat(series).hasSize(1);
        assertThat(series.get(0).labels()).containsOnly(
                Map.entry("__name__", "shipwatch_it_requests_total"),
                Map.entry("service", "checkout"),
                Map.entry("code", "200"),
                Map.entry("job", "app"),
                Map.entry("instance", "127.0.0.1:" + target.getAddress().getPort()));
        assertThat(series.get(0).points()).extracting(Series.Point::value).containsOnly(1027.0);
    }

    @Test
    void rangeQueryReturnsScrapedGauge() throws Exception {
        List<Series> series = awaitSeries("shipwatch_it_queue_depth{service=\"checkout\"}");

        assertThat(series).hasSize(1);
        assertThat(series.get(0).labels()).containsEntry("service", "checkout").containsEntry("job", "app");
        assertThat(series.get(0).points()).extracting(Series.Point::value).containsOnly(7.5);
        assertThat(series.get(0).points()).extracting(p -> p.time().getNano()).containsOnly(0);
    }

    @Test
    void rangeQueryOverBackfilledHourReturnsExactValuesAtTheirTimes() throws Exception {
        List<Series> series = provider.queryRange("shipwatch_it_latency_seconds{service=\"checkout\"}", BACKFILL_HOUR,
                Duration.ofMinutes(1));

        assertThat(series).hasSize(1);
        assertThat(series.get(0).labels()).containsOnly(
                Map.entry("__name__", "shipwatch_it_latency_seconds"), Map.entry("service", "checkout"));
        List<Series.Point> points = series.get(0).points();
        assertThat(points).hasSize(60);
        for (int i = 0; i < 60; i++) {
            assertThat(points.get(i)).isEqualTo(new Series.Point(BACKFILL_FROM.plus(Duration.ofMinutes(i)),
                    knownLatency(i)));
        }
    }

    @Test
    void coarserStepPicksTheSamplesOnItsGrid() throws Exception {
        List<Series> series = provider.queryRange("shipwatch_it_latency_seconds", BACKFILL_HOUR, Duration.ofMinutes(15));

        assertThat(series.get(0).points()).extracting(Series.Point::value)
                .containsExactly(knownLatency(0), knownLatency(15), knownLatency(30), knownLatency(45));
    }

    @Test
    void instantQueryReadsBackfilledValue() throws Exception {
        List<Series> series = provider.queryInstant("shipwatch_it_latency_seconds * 1000",
                BACKFILL_FROM.plus(Duration.ofMinutes(10)));

        assertThat(series).hasSize(1);
        assertThat(series.get(0).labels()).containsOnly(Map.entry("service", "checkout"));
        assertThat(series.get(0).points()).extracting(Series.Point::value).containsExactly(knownLatency(10) * 1000);
    }

    @Test
    void badPromQlIsNotRetryableWithPrometheusMessage() {
        String query = "sum(rate(shipwatch_it_requests_total[5m])";

        ProviderException e = catchThrowableOfType(ProviderException.class,
                () -> provider.queryRange(query, BACKFILL_HOUR, Duration.ofMinutes(1)));

        assertThat(e.retryable()).isFalse();
        assertThat(e).hasMessage(prometheus.url() + "/api/v1/query_range: Prometheus rejected query '" + query
                + "' (HTTP 400): bad_data: 1:42: parse error: unclosed left parenthesis; fix the PromQL query");
    }

    @Test
    void wrongPathPrefixIsNotRetryable() {
        PrometheusProvider misconfigured = PrometheusProvider.create(PrometheusConfig.of(prometheus.url() + "/prom"));

        ProviderException e = catchThrowableOfType(ProviderException.class,
                () -> misconfigured.queryRange("up", BACKFILL_HOUR, Duration.ofMinutes(1)));

        assertThat(e.retryable()).isFalse();
        assertThat(e).hasMessage(prometheus.url() + "/prom/api/v1/query_range: no Prometheus API here (HTTP 404: 404"
                + " page not found); check prometheus.url, including any path prefix");
    }
}
