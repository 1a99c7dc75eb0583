package io.shipwatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.shipwatch.json.Json;
import io.shipwatch.testing.Http;
import io.shipwatch.testing.OpenMetricsText;
import io.shipwatch.testing.PrometheusServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code shipwatch canary judge} over a past window backfilled into a real Prometheus (retrospective analysis): a
 * canary with a higher error ratio and latency is rolled back, one like its baseline is promoted.
 */
class CanaryJudgeIT {
    private static final Instant FROM = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(3));
    private static PrometheusServer prometheus;
    @TempDir
    static Path dir;

    private static Map<Instant, Double> series(long seed, double mean, double sd) {
        Random random = new Random(seed);
        Map<Instant, Double> out = new LinkedHashMap<>();
        for (int i = 0; i < 120; i++) {
            out.put(FROM.plus(Duration.ofSeconds(30L * i)), Math.max(0, mean + sd * random.nextGaussian()));
        }
        return out;
    }

    @BeforeAll
    static void start() {
        OpenMetricsText data = new OpenMetricsText();
        String[][] versions = {{"v1", "0.002", "0.200"}, {"v2-bad", "0.05", "0.320"}, {"v2-good", "0.002", "0.200"}};
        long seed = 1;
        for (String[] v : versions) {
            data.gauge("shipwatch_it_error_ratio", Map.of("version", v[0]), series(seed++, Double.parseDouble(v[1]), 0.001));
            data.gauge("shipwatch_it_latency_seconds", Map.of("version", v[0]), series(seed++, Double.parseDouble(v[2]), 0.02));
        }
        prometheus = PrometheusServer.builder().backfill(data).start();
    }

    @AfterAll
    static void stop() {
        if (prometheus != null) {
            prometheus.close();
        }
    }

    private static Path spec(String canaryVersion) throws IOException {
        Path file = dir.resolve("canary-" + canaryVersion + ".yaml");
        Files.writeString(file, """
                provider: {type: prometheus, url: %s}
                baseline: {version: v1}
                canary: {version: %s}
                step: 30s
                metrics:
                  - name: error_rate
                    query: 'shipwatch_it_error_ratio{version="{{version}}"}'
                    direction: increase
                    allowedIncrease: 1.1
                    critical: true
                    mustHaveData: true
                  - name: latency
                    query: 'shipwatch_it_latency_seconds{version="{{version}}"}'
                    direction: increase
                    allowedIncrease: 1.2
                confidence: 0.98
                analysis: {minSamples: 30}
                """.formatted(prometheus.url(), canaryVersion));
        return file;
    }

    private record Run(int exit, String out, String err) {
    }

    private static Run judge(Path spec, String output, String... more) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        var cl = ShipwatchCommand.commandLine(Map.of());
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        List<String> args = new ArrayList<>(List.of("canary", "judge", "--spec", spec.toString(), "--start",
                FROM.plus(Duration.ofMinutes(10)).toString(), "--end", FROM.plus(Duration.ofMinutes(50)).toString(),
                "--output", output));
        args.addAll(List.of(more));
        int exit = cl.execute(args.toArray(String[]::new));
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void badCanaryIsRolledBackWithItsNumbers() throws IOException {
        Run run = judge(spec("v2-bad"), "json");
        assertThat(run.exit()).as(run.err()).isEqualTo(1);
        JsonNode json = Json.mapper().readTree(run.out());
        assertThat(json.get("decision").asText()).isEqualTo("rollback");
        assertThat(json.get("reason").asText()).startsWith("critical metric 'error_rate' failed: canary higher");
        JsonNode errors = json.get("metrics").get(0);
        assertThat(errors.get("outcome").asText()).isEqualTo("high");
        assertThat(errors.get("canary").get("samples").asInt()).isEqualTo(80);
        assertThat(errors.get("baseline").get("samples").asInt()).isEqualTo(80);
        assertThat(errors.get("estimate").asDouble()).isBetween(0.045, 0.052);
        assertThat(errors.get("interval").get(0).asDouble()).isGreaterThan(0.04);
        assertThat(json.get("metrics").get(1).get("outcome").asText()).isEqualTo("high");
    }

    @Test
    void withAServerTheJudgementIsStoredWithBothGroupsPoints() throws IOException {
        ShipwatchServer server = new ShipwatchServer(ServerSettings.resolve(0, null, "jdbc:sqlite:"
                + dir.resolve("judge.db"), Config.empty(), Map.of()), java.time.Clock.systemUTC());
        try {
            String base = "http://127.0.0.1:" + server.start();
            Run run = judge(spec("v2-bad"), "json", "--server", base, "--deployment-id", "deploy-42");
            assertThat(run.exit()).as(run.err()).isEqualTo(1);
            JsonNode items = Http.get(base + "/api/v1/canaries/analyses?deploymentId=deploy-42")
                    .json().get("items");
            assertThat(items).hasSize(1);
            JsonNode stored = Http.get(base + "/api/v1/canaries/analyses/"
                    + items.get(0).get("id").asText()).json();
            assertThat(stored.get("kind").asText()).isEqualTo("judge");
            assertThat(stored.get("outcome").asText()).isEqualTo("rollback");
            assertThat(stored.get("confidence").asDouble()).isEqualTo(0.98);
            JsonNode errors = stored.get("steps").get(0).get("judgements").get(0).get("metrics").get(0);
            assertThat(errors.get("outcome").asText()).isEqualTo("high");
            assertThat(errors.get("canary")).hasSize(80);
            assertThat(errors.get("baseline")).hasSize(80);
            assertThat(errors.get("lower").asDouble()).isGreaterThan(0.04);
        } finally {
            server.close();
        }
    }

    @Test
    void deploymentIdWithoutAServerIsRefused() throws IOException {
        Run run = judge(spec("v2-bad"), "json", "--deployment-id", "deploy-42");
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("--deployment-id: needs a server to store the analysis");
    }

    @Test
    void healthyCanaryIsPromoted() throws IOException {
        Run run = judge(spec("v2-good"), "json");
        assertThat(run.exit()).as(run.out()).isZero();
        JsonNode json = Json.mapper().readTree(run.out());
        assertThat(json.get("decision").asText()).isEqualTo("promote");
        assertThat(json.get("score").asDouble()).isEqualTo(100.0);
        assertThat(json.get("metrics").get(1).get("outcome").asText()).isEqualTo("pass");
    }

    @Test
    void unreachableBackendIsInconclusiveNeverAPromote() throws IOException {
        Path spec = dir.resolve("down.yaml");
        int closedPort;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        Files.writeString(spec, Files.readString(spec("v2-good")).replace(prometheus.url().toString(),
                "http://127.0.0.1:" + closedPort));
        Run run = judge(spec, "json");
        assertThat(run.exit()).isEqualTo(3);
        JsonNode json = Json.mapper().readTree(run.out());
        assertThat(json.get("decision").asText()).isEqualTo("inconclusive");
        assertThat(json.get("metrics").get(0).get("outcome").asText()).isEqualTo("error");
        assertThat(json.get("reason").asText()).startsWith("could not measure 'error_rate', 'latency': baseline query "
                + "failed: ");
    }

    @Test
    void tableNamesTheDecision() throws IOException {
        Run run = judge(spec("v2-bad"), "table");
        assertThat(run.out()).contains("error_rate (critical)  high").contains("ROLLBACK (score 0)");
    }
}
