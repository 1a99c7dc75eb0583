package io.shipwatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.shipwatch.core.TimeWindow;
import io.shipwatch.graphs.PanelResult;
import io.shipwatch.testing.Http;
import io.shipwatch.testing.OpenMetricsText;
import io.shipwatch.testing.PrometheusServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The service graphs drawn from a real Prometheus, with the panel queries from the config file. */
class PrometheusGraphsIT {
    @TempDir
    Path dir;

    @Test
    void servicePanelsQueryPrometheusWithTheServiceFilledInAndNoNameCanChangeTheQuery() throws Exception {
        Instant start = Instant.now().minus(Duration.ofHours(3)).truncatedTo(ChronoUnit.HOURS);
        Map<Instant, Double> checkout = new LinkedHashMap<>();
        Map<Instant, Double> search = new LinkedHashMap<>();
        for (int i = 0; i < 60; i++) {
            checkout.put(start.plus(Duration.ofMinutes(i)), i < 30 ? 0.01 : 0.12); // the spike after minute 30
            search.put(start.plus(Duration.ofMinutes(i)), 0.5);
        }
        OpenMetricsText data = new OpenMetricsText()
                .gauge("error_ratio", Map.of("service", "checkout"), checkout)
                .gauge("error_ratio", Map.of("service", "search"), search);
        try (PrometheusServer prometheus = PrometheusServer.builder().backfill(data).start()) {
            Config config = ConfigLoader.parse("""
                    metrics:
                      provider: {type: prometheus, url: "%s"}
                      panels:
                        - {id: errors, title: Error ratio, unit: ratio, query: 'error_ratio{service="{{service}}"}'}
                    """.formatted(prometheus.url()), "shipwatch.yaml");
            ServerSettings settings = ServerSettings.resolve(0, null, "jdbc:sqlite:" + dir.resolve("g.db"), config, Map.of());
            try (ShipwatchServer server = new ShipwatchServer(settings, Clock.systemUTC())) {
                String base = "http://127.0.0.1:" + server.start();
                JsonNode graphs = Http.get(base + "/api/v1/services/checkout/metrics?from=" + start
                        + "&to=" + start.plus(Duration.ofMinutes(59))).json();

                assertThat(graphs.get("provider").asText()).isEqualTo("prometheus");
                JsonNode panel = graphs.get("panels").get(0);
                assertThat(panel.get("query").asText()).isEqualTo("error_ratio{service=\"checkout\"}");
                assertThat(panel.hasNonNull("error")).as(panel.toString()).isFalse();
                assertThat(panel.get("series")).hasSize(1);
                JsonNode points = panel.get("series").get(0).get("points");
                List<Double> values = new java.util.ArrayList<>();
                points.forEach(p -> values.add(p.get(1).asDouble()));
                assertThat(values.get(0)).isEqualTo(0.01);
                assertThat(values.get(values.size() - 1)).isEqualTo(0.12);

                String injected = java.net.URLEncoder.encode("checkout\"} or vector(1)", StandardCharsets.UTF_8)
                        .replace("+", "%20");
                Http.Response refused = Http.get(base + "/api/v1/services/" + injected + "/metrics");
                assertThat(refused.status()).isEqualTo(400);
                assertThat(refused.contentType()).startsWith("application/problem+json");
                assertThat(refused.body()).contains("service: 'checkout\\\"} or vector(1)' is not a valid name");
                Http.Response badEnvironment = Http.get(base + "/api/v1/services/checkout/metrics?environment="
                        + injected);
                assertThat(badEnvironment.status()).isEqualTo(400);
                assertThat(badEnvironment.body()).contains("environment: ");
            }
            // below the HTTP check, the escaped value still selects nothing: without escaping Prometheus would answer
            // vector(1), one series of 1s
            List<PanelResult> panels = MetricsProviders.graphs(config.metrics()).render("checkout\"} or vector(1)",
                    "production\"} or vector(1)", new TimeWindow(start, start.plus(Duration.ofMinutes(59))));
            assertThat(panels.get(0).error()).as(panels.get(0).query()).isNull();
            assertThat(panels.get(0).query()).isEqualTo("error_ratio{service=\"checkout\\\"} or vector(1)\"}");
            assertThat(panels.get(0).series()).isEmpty();
        }
    }

    @Test
    void aPrometheusThatIsDownShowsOnThePanelNotAsAFailedRequest() throws Exception {
        Config config = ConfigLoader.parse("metrics:\n  provider: {type: prometheus, url: \"http://127.0.0.1:9\"}\n", "s.yaml");
        ServerSettings settings = ServerSettings.resolve(0, null, "jdbc:sqlite:" + dir.resolve("h.db"), config, Map.of());
        try (ShipwatchServer server = new ShipwatchServer(settings, Clock.systemUTC())) {
            Http.Response r = Http.get("http://127.0.0.1:" + server.start() + "/api/v1/services/checkout/metrics");
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.json().get("panels")).hasSize(3)
                    .allSatisfy(p -> assertThat(p.get("error").asText()).contains("127.0.0.1:9"));
        }
    }
}
