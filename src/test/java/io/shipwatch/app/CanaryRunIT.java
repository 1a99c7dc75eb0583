package io.shipwatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.shipwatch.testing.DemoService;
import io.shipwatch.testing.Http;
import io.shipwatch.testing.PrometheusServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code shipwatch canary run} end to end with real parts: two instances of a demo service (stable v1, canary v2)
 * serving /metrics, a real Prometheus scraping them, a real Shipwatch server taking the markers, and actions that
 * run real commands. A v2 with injected errors and latency is rolled back; a healthy v2 is promoted.
 */
class CanaryRunIT {
    @TempDir
    Path dir;

    private DemoService v1;
    private DemoService v2;
    private PrometheusServer prometheus;
    private ShipwatchServer server;
    private String base;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
        if (prometheus != null) {
            prometheus.close();
        }
        if (v1 != null) {
            v1.close();
        }
        if (v2 != null) {
            v2.close();
        }
    }

    private void start(double v2ErrorRatio, double v2LatencySeconds) throws Exception {
        v1 = DemoService.start("checkout", "v1", 0.0, 0.050, 1);
        v2 = DemoService.start("checkout", "v2", v2ErrorRatio, v2LatencySeconds, 2);
        prometheus = PrometheusServer.builder().scrape("v1", v1.metricsUrl()).scrape("v2", v2.metricsUrl()).start();
        ServerSettings settings = ServerSettings.resolve(0, null, "jdbc:sqlite:" + dir.resolve("markers.db"),
                Config.empty(), Map.of());
        server = new ShipwatchServer(settings, Clock.systemUTC());
        base = "http://127.0.0.1:" + server.start();
        awaitScraped();
    }

    /** Waits until Prometheus has a few seconds of both instances, so the first analysis has points. */
    private void awaitScraped() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String query = URLEncoder.encode("count(count_over_time(demo_http_requests_total{code=\"200\"}[1m]) >= 6)",
                StandardCharsets.UTF_8);
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (Instant.now().isBefore(deadline)) {
            String body = http.send(HttpRequest.newBuilder(URI.create(prometheus.url() + "/api/v1/query?query=" + query))
                    .build(), HttpResponse.BodyHandlers.ofString()).body();
            if (body.contains("\"2\"")) {
                return;
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("Prometheus did not scrape both instances: " + prometheus.log());
    }

    private Path spec() throws IOException {
        Path spec = dir.resolve("canary.yaml");
        Files.writeString(spec, """
                name: checkout-canary
                provider: {type: prometheus, url: %1$s}
                vars: {service: checkout}
                baseline: {version: v1}
                canary: {version: v2}
                window: 30s
                step: 1s
                metrics:
                  - name: error_rate
                    query: 'sum(rate(demo_http_requests_total{version="{{version}}",code="500"}[5s])) / sum(rate(demo_http_requests_total{version="{{version}}"}[5s]))'
                    direction: increase
                    allowedIncrease: 1.5
                    critical: true
                    mustHaveData: true
                  - name: latency
                    query: 'sum(rate(demo_http_request_duration_seconds_sum{version="{{version}}"}[5s])) / sum(rate(demo_http_request_duration_seconds_count{version="{{version}}"}[5s]))'
                    direction: increase
                    allowedIncrease: 1.2
                analysis: {interval: 4s, count: 2, minSamples: 3}
                steps: [{setWeight: 20}, {analyze: {}}, {setWeight: 100}]
                actions:
                  setWeight: {command: ["touch", "%2$s/weight-{{weight}}"]}
                  promote: {command: ["touch", "%2$s/promoted"]}
                  rollback: {command: ["touch", "%2$s/rolled-back-{{version}}"]}
                """.formatted(prometheus.url(), dir));
        return spec;
    }

    private record Run(int exit, String out, String err) {
    }

    private Run canaryRun() throws IOException {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        var cl = ShipwatchCommand.commandLine(Map.of());
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int exit = cl.execute("canary", "run", "--spec", spec().toString(), "--server", base);
        return new Run(exit, out.toString(), err.toString());
    }

    private JsonNode marker() throws IOException {
        JsonNode items = Http.get(base + "/api/v1/deployments?service=checkout").json().get("items");
        assertThat(items).hasSize(1);
        return items.get(0);
    }

    @Test
    void badCanaryIsRolledBack() throws Exception {
        start(0.2, 0.150);
        Run run = canaryRun();
        assertThat(run.exit()).as(run.out() + run.err()).isEqualTo(1);
        assertThat(dir.resolve("weight-20")).exists();
        assertThat(dir.resolve("rolled-back-v2")).exists();
        assertThat(dir.resolve("weight-100")).doesNotExist();
        assertThat(dir.resolve("promoted")).doesNotExist();
        assertThat(run.out()).contains("rollback (score 0): critical metric 'error_rate' failed: canary higher")
                .contains("canary checkout-canary: rolled_back - analysis failed at step 2/3");
        JsonNode marker = marker();
        assertThat(marker.get("status").asText()).isEqualTo("rolled_back");
        assertThat(marker.get("version").asText()).isEqualTo("v2");
        assertThat(marker.get("environment").asText()).isEqualTo("production");
        assertThat(marker.get("description").asText()).startsWith("analysis failed at step 2/3");
        JsonNode analysis = analysis();
        assertThat(analysis.get("deploymentId").asText()).isEqualTo(marker.get("id").asText());
        assertThat(analysis.get("outcome").asText()).isEqualTo("rolled_back");
        assertThat(analysis.get("reason").asText()).startsWith("analysis failed at step 2/3");
        JsonNode steps = analysis.get("steps");
        assertThat(steps).extracting(st -> st.get("kind").asText()).containsExactly("setWeight", "analyze");
        assertThat(steps.get(1).get("phase").asText()).isEqualTo("failed");
        assertThat(steps.get(1).get("weightPercent").asInt()).isEqualTo(20);
        JsonNode errors = steps.get(1).get("judgements").get(0).get("metrics").get(0);
        assertThat(errors.get("name").asText()).isEqualTo("error_rate");
        assertThat(errors.get("outcome").asText()).isEqualTo("high");
        assertThat(errors.get("canary").size()).isGreaterThanOrEqualTo(3);
        assertThat(errors.get("canary").get(0).asDouble()).isGreaterThan(errors.get("baseline").get(0).asDouble());
        assertThat(errors.get("pValue").asDouble()).isLessThan(0.05);
    }

    /** The one canary analysis the run stored, read whole through the API. */
    private JsonNode analysis() {
        JsonNode items = Http.get(base + "/api/v1/canaries/analyses?service=checkout").json().get("items");
        assertThat(items).hasSize(1);
        return Http.get(base + "/api/v1/canaries/analyses/" + items.get(0).get("id").asText()).json();
    }

    @Test
    void healthyCanaryIsPromoted() throws Exception {
        start(0.0, 0.050);
        Run run = canaryRun();
        assertThat(run.exit()).as(run.out() + run.err()).isZero();
        assertThat(dir.resolve("weight-20")).exists();
        assertThat(dir.resolve("weight-100")).exists();
        assertThat(dir.resolve("promoted")).exists();
        assertThat(dir.resolve("rolled-back-v2")).doesNotExist();
        assertThat(run.out()).contains("promote (score 100)").contains("canary checkout-canary: promoted");
        // the log shows what ran, with its placeholders filled, and durations as people write them
        assertThat(run.out()).contains("action setWeight: touch " + dir.resolve("weight-20"))
                .contains("measurements every 4 s").doesNotContain("{{").doesNotContain("PT4S");
        assertThat(marker().get("status").asText()).isEqualTo("succeeded");
        JsonNode analysis = analysis();
        assertThat(analysis.get("outcome").asText()).isEqualTo("promoted");
        assertThat(analysis.get("steps")).extracting(st -> st.get("kind").asText() + ":" + st.path("phase").asText())
                .containsExactly("setWeight:", "analyze:successful", "setWeight:");
        assertThat(analysis.get("steps").get(1).get("judgements")).hasSize(2);
    }
}
