package io.shipwatch.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.shipwatch.json.Json;
import io.shipwatch.testing.Http;
import io.shipwatch.testing.OpenMetricsText;
import io.shipwatch.testing.PrometheusServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server side of gates with real parts: results stored by {@code gate evaluate --server} become the baseline of
 * the next evaluation; the server answers Argo Rollouts' web metric and Flagger's webhooks from its own gate specs.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GateServerIT {
    private static final Instant FROM = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(3));
    private static final String START = FROM.plus(Duration.ofMinutes(10)).toString();
    private static final String END = FROM.plus(Duration.ofMinutes(40)).toString();

    @TempDir
    static Path dir;
    private static HttpServer live;
    private static PrometheusServer prometheus;
    private static ShipwatchServer server;
    private static String base;
    private static Path spec;

    @BeforeAll
    static void start() throws Exception {
        live = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        live.createContext("/metrics", exchange -> {
            byte[] body = ("# TYPE shipwatch_it_live_error_ratio gauge\n"
                    + "shipwatch_it_live_error_ratio{version=\"good\"} 0.001\n"
                    + "shipwatch_it_live_error_ratio{version=\"bad\"} 0.05\n").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        live.start();
        Map<Instant, Double> good = new LinkedHashMap<>();
        Map<Instant, Double> bad = new LinkedHashMap<>();
        for (int i = 0; i < 60; i++) {
            good.put(FROM.plus(Duration.ofMinutes(i)), 0.004);
            bad.put(FROM.plus(Duration.ofMinutes(i)), 0.0046);
        }
        prometheus = PrometheusServer.builder()
                .scrape("live", URI.create("http://127.0.0.1:" + live.getAddress().getPort() + "/metrics"))
                .backfill(new OpenMetricsText()
                        .gauge("shipwatch_it_error_ratio", Map.of("service", "checkout", "version", "good"), good)
                        .gauge("shipwatch_it_error_ratio", Map.of("service", "checkout", "version", "worse"), bad))
                .start();
        Path gates = Files.createDirectory(dir.resolve("gates"));
        spec = gates.resolve("checkout.yaml");
        Files.writeString(spec, """
                name: checkout
                provider: {type: prometheus, url: %s}
                step: 1m
                vars: {service: checkout, environment: production}
                objectives:
                  - name: error_rate
                    query: 'shipwatch_it_error_ratio{service="checkout",version="{{version}}"}'
                    pass: ["< 0.01", "<=+10%%"]
                baseline: {from: previous, count: 3, include: pass}
                """.formatted(prometheus.url()));
        Files.writeString(gates.resolve("live.yaml"), """
                provider: {type: prometheus, url: %s}
                window: 20s
                step: 1s
                objectives:
                  - name: error_rate
                    query: 'shipwatch_it_live_error_ratio{version="{{version}}"}'
                    pass: ["< 0.01"]
                """.formatted(prometheus.url()));
        ServerSettings settings = ServerSettings.resolve(0, null, "jdbc:sqlite:" + dir.resolve("gates.db"),
                Config.empty(), Map.of());
        server = new ShipwatchServer(settings, Clock.systemUTC(), MetricsProviders.graphs(Config.empty().metrics()),
                java.util.List.of(), gates);
        base = "http://127.0.0.1:" + server.start();
        awaitLiveData();
    }

    private static void awaitLiveData() throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(60);
        while (Instant.now().isBefore(deadline)) {
            String body = Http.get(prometheus.url() + "/api/v1/query?query=count_over_time("
                    + "shipwatch_it_live_error_ratio%7Bversion%3D%22good%22%7D%5B20s%5D)").body();
            if (body.matches("(?s).*\"value\":\\[[0-9.]+,\"([3-9]|[1-9][0-9])\"].*")) {
                return;
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("no live data scraped: " + prometheus.log());
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
        if (prometheus != null) {
            prometheus.close();
        }
        if (live != null) {
            live.stop(0);
        }
    }

    private record Run(int exit, String out, String err) {
    }

    private static Run evaluate(String version) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        var cl = ShipwatchCommand.commandLine(Map.of());
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int exit = cl.execute("gate", "evaluate", "--spec", spec.toString(), "--var", "version=" + version,
                "--start", START, "--end", END, "--output", "json", "--server", base);
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    @Order(1)
    void storedResultsBecomeTheBaselineOfTheNextEvaluation() throws IOException {
        Run first = evaluate("good");
        assertThat(first.exit()).as(first.err()).isZero();
        JsonNode firstJson = Json.mapper().readTree(first.out());
        assertThat(firstJson.get("objectives").get(0).get("baseline").isNull()).isTrue();
        assertThat(firstJson.get("objectives").get(0).get("reason").asText())
                .contains("relative criteria skipped: no previous passed results");

        // 0.0046 is below 0.01 but 15 % above the stored 0.004: the relative criterion fails it
        Run second = evaluate("worse");
        assertThat(second.exit()).as(second.err()).isEqualTo(1);
        JsonNode json = Json.mapper().readTree(second.out());
        JsonNode objective = json.get("objectives").get(0);
        assertThat(objective.get("baseline").asDouble()).isEqualTo(0.004);
        assertThat(objective.get("reason").asText()).contains("baseline 0.004 (avg of 1 previous passed results)")
                .contains("violates <=+10% (target 0.0044)");

        JsonNode items = Http.get(base + "/api/v1/gates/results?gate=checkout").json().get("items");
        assertThat(items).hasSize(2);
        assertThat(items.get(0).get("result").asText()).isEqualTo("fail");
        assertThat(items.get(0).get("version").asText()).isEqualTo("worse");
        assertThat(items.get(0).get("service").asText()).isEqualTo("checkout");
        assertThat(items.get(0).get("objectives").get(0).get("value").asDouble()).isCloseTo(0.0046, within(1e-12));
        assertThat(items.get(1).get("result").asText()).isEqualTo("pass");
    }

    @Test
    @Order(2)
    void failedGateAgainstADeploymentCountsAsAChangeFailure() throws IOException {
        String finished = Instant.now().minusSeconds(60).truncatedTo(ChronoUnit.SECONDS).toString();
        String id = Http.post(base + "/api/v1/deployments", "{\"service\":\"checkout\",\"environment\":\"production\","
                + "\"version\":\"worse\",\"startedAt\":\"" + finished + "\",\"finishedAt\":\"" + finished + "\"}")
                .json().get("id").asText();
        assertThat(Http.get(base + "/api/v1/dora?service=checkout").json().get("changeFailureRate").get("failed").asInt())
                .isZero();
        StringWriter out = new StringWriter();
        // the server comes from SHIPWATCH_SERVER, as in CI, not from --server
        var cl = ShipwatchCommand.commandLine(Map.of("SHIPWATCH_SERVER", base));
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(new StringWriter()));
        // 15 % above the previous passed result: the gate fails
        int exit = cl.execute("gate", "evaluate", "--spec", spec.toString(), "--var", "version=worse",
                "--start", START, "--end", END, "--deployment-id", id);
        assertThat(exit).isEqualTo(1);
        JsonNode cfr = Http.get(base + "/api/v1/dora?service=checkout").json().get("changeFailureRate");
        assertThat(cfr.get("deployments").asInt()).isEqualTo(1);
        assertThat(cfr.get("failed").asInt()).isEqualTo(1);
    }

    @Test
    @Order(3)
    void argoWebMetricReadsTheVerdict() throws IOException {
        int stored = results().size();
        Http.Response pass = Http.get(base + "/api/v1/gates/checkout/evaluate?version=good&start=" + START + "&end=" + END);
        assertThat(pass.status()).isEqualTo(200);
        assertThat(pass.json().get("result").asText()).isEqualTo("pass");
        Http.Response fail = Http.get(base + "/api/v1/gates/checkout/evaluate?version=worse&start=" + START + "&end=" + END);
        assertThat(fail.status()).isEqualTo(200);
        assertThat(fail.json().get("result").asText()).isEqualTo("fail");
        assertThat(fail.json().get("objectives").get(0).get("value").asDouble()).isCloseTo(0.0046, within(1e-12));
        assertThat(results()).as("a GET evaluates and stores nothing").hasSize(stored);

        // Argo's web metric with method: POST stores the verdict, so it counts in DORA and as a baseline
        Http.Response posted = Http.post(base + "/api/v1/gates/checkout/evaluate?version=good&start=" + START
                + "&end=" + END, "");
        assertThat(posted.status()).isEqualTo(200);
        assertThat(posted.json().get("result").asText()).isEqualTo("pass");
        JsonNode after = results();
        assertThat(after).hasSize(stored + 1);
        assertThat(after.get(0).get("version").asText()).isEqualTo("good");
    }

    private static JsonNode results() {
        return Http.get(base + "/api/v1/gates/results?gate=checkout&limit=500").json().get("items");
    }

    @Test
    @Order(5)
    void noGetChangesTheDatabase() throws Exception {
        Map<String, Long> before = rowCounts();
        for (String path : List.of("/api/v1/deployments", "/api/v1/services", "/api/v1/services/checkout/metrics",
                "/api/v1/dora", "/api/v1/incidents", "/api/v1/gates/results?gate=checkout",
                "/api/v1/gates/checkout/evaluate?version=good&start=" + START + "&end=" + END, "/api/v1/pipelines",
                "/api/v1/pipelines/build/runs", "/api/v1/pipelines/build/steps", "/api/v1/loadtest/scenarios",
                "/api/v1/loadtest/runs?service=checkout&scenario=smoke", "/metrics", "/readyz", "/healthz")) {
            assertThat(Http.get(base + path).status()).as(path).isLessThan(500);
        }
        assertThat(rowCounts()).isEqualTo(before);
    }

    /** Rows in every table of the server's SQLite file. */
    private static Map<String, Long> rowCounts() throws java.sql.SQLException {
        Map<String, Long> counts = new java.util.TreeMap<>();
        try (var c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("gates.db"));
             var s = c.createStatement()) {
            List<String> tables = new java.util.ArrayList<>();
            try (var rs = s.executeQuery("SELECT name FROM sqlite_master WHERE type = 'table'")) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            for (String table : tables) {
                try (var rs = s.executeQuery("SELECT COUNT(*) FROM \"" + table + "\"")) {
                    counts.put(table, rs.getLong(1));
                }
            }
        }
        assertThat(counts).containsKey("gate_results");
        return counts;
    }

    @Test
    @Order(5)
    void aReadTokenEvaluatesButOnlyAWriteTokenStores() {
        Config config = new Config(null, null, List.of(new Config.TokenSection("argo", "read-token-0123456789", "read")),
                null, null);
        ServerSettings settings = ServerSettings.resolve(0, null, "jdbc:sqlite:" + dir.resolve("tokens.db"), config,
                Map.of("SHIPWATCH_TOKEN", "write-token-0123456789"));
        try (ShipwatchServer guarded = new ShipwatchServer(settings, Clock.systemUTC(),
                MetricsProviders.graphs(Config.empty().metrics()), List.of(), spec.getParent())) {
            String url = "http://127.0.0.1:" + guarded.start() + "/api/v1/gates/checkout/evaluate?version=good&start="
                    + START + "&end=" + END;
            String[] read = {"Authorization", "Bearer read-token-0123456789"};
            String[] write = {"Authorization", "Bearer write-token-0123456789"};
            String list = url.replaceFirst("/checkout/evaluate\\?.*", "/results?gate=checkout");
            assertThat(Http.get(url, read).json().get("result").asText()).isEqualTo("pass");
            assertThat(Http.get(url, write).status()).isEqualTo(200);
            assertThat(Http.get(list, read).json().get("items")).as("no GET stores, whatever its token").isEmpty();
            assertThat(Http.post(url, "", read).status()).isEqualTo(403);
            assertThat(Http.post(url, "", write).status()).isEqualTo(200);
            assertThat(Http.get(list, read).json().get("items")).hasSize(1);
        }
    }

    @Test
    @Order(5)
    void noRequestVariableReachesAQueryUnescaped() throws IOException {
        String injected = URLEncoder.encode("good\"} or vector(1)", StandardCharsets.UTF_8).replace("+", "%20");
        Http.Response argo = Http.get(base + "/api/v1/gates/checkout/evaluate?version=" + injected);
        assertThat(argo.status()).isEqualTo(400);
        assertThat(argo.contentType()).startsWith("application/problem+json");
        assertThat(argo.json().get("detail").asText()).contains("version: 'good\"} or vector(1)' is not a valid name");
        Http.Response flagger = Http.post(base + "/api/v1/gates/live/flagger",
                "{\"name\":\"checkout\",\"metadata\":{\"version\":\"bad\\\"} or vector(0) #\"}}");
        assertThat(flagger.status()).isEqualTo(400);
        assertThat(flagger.json().get("detail").asText()).contains("metadata.version: ");

        // the CLI takes any --var; escaped, this one selects nothing in the real Prometheus where, pasted as it is,
        // it would end the matcher and answer vector(0.001), a passing value
        StringWriter out = new StringWriter();
        var cl = ShipwatchCommand.commandLine(Map.of());
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(new StringWriter()));
        cl.execute("gate", "evaluate", "--spec", spec.toString(), "--var", "version=nothere\"} or vector(0.001) #",
                "--start", START, "--end", END, "--output", "json");
        JsonNode verdict = Json.mapper().readTree(out.toString());
        JsonNode objective = verdict.get("objectives").get(0);
        assertThat(objective.get("query").asText())
                .isEqualTo("shipwatch_it_error_ratio{service=\"checkout\",version=\"nothere\\\"} or vector(0.001) #\"}");
        assertThat(objective.get("samples").asInt()).as(objective.toString()).isZero();
        assertThat(verdict.get("result").asText()).isNotEqualTo("pass");
    }

    @Test
    @Order(4)
    void flaggerHooksFollowItsStatusRules() throws IOException {
        String good = "{\"name\":\"checkout\",\"namespace\":\"test\",\"phase\":\"Progressing\",\"metadata\":{\"version\":\"good\"}}";
        String bad = "{\"name\":\"checkout\",\"namespace\":\"test\",\"phase\":\"Progressing\",\"metadata\":{\"version\":\"bad\"}}";
        assertThat(Http.post(base + "/api/v1/gates/live/flagger", good).status()).isEqualTo(200);
        Http.Response refused = Http.post(base + "/api/v1/gates/live/flagger", bad);
        assertThat(refused.status()).isEqualTo(412);
        assertThat(refused.json().get("result").asText()).isEqualTo("fail");
        // the rollback hook is inverted: 2xx asks Flagger to roll back
        assertThat(Http.post(base + "/api/v1/gates/live/flagger/rollback", bad).status()).isEqualTo(200);
        assertThat(Http.post(base + "/api/v1/gates/live/flagger/rollback", good).status()).isEqualTo(409);
    }

    @Test
    @Order(5)
    void badRequestsAreProblemsNeverServerErrors() {
        Http.Response unknown = Http.get(base + "/api/v1/gates/nope/evaluate?version=good");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.contentType()).startsWith("application/problem+json");
        Http.Response badWindow = Http.get(base + "/api/v1/gates/checkout/evaluate?version=good&window=10");
        assertThat(badWindow.status()).isEqualTo(400);
        assertThat(badWindow.body()).contains("window: '10' has no unit");
        Http.Response badResult = Http.post(base + "/api/v1/gates/results",
                "{\"gate\":\"checkout\",\"result\":\"great\",\"window\":{\"start\":\"x\",\"end\":\"2026-11-26T14:00:00Z\"},"
                        + "\"objectives\":[]}");
        assertThat(badResult.status()).isEqualTo(400);
        assertThat(badResult.body()).contains("unknown result 'great'").contains("window.start");
        Http.Response notJson = Http.post(base + "/api/v1/gates/live/flagger", "[1]");
        assertThat(notJson.status()).isEqualTo(400);
    }

    @Test
    @Order(6)
    void argoSeesAnErrorWhenPrometheusIsDown() {
        prometheus.close();
        prometheus = null;
        Http.Response down = Http.get(base + "/api/v1/gates/checkout/evaluate?version=good&start=" + START + "&end=" + END);
        assertThat(down.status()).isEqualTo(503);
        assertThat(down.json().get("result").asText()).isEqualTo("error");
        Http.Response flagger = Http.post(base + "/api/v1/gates/live/flagger",
                "{\"name\":\"checkout\",\"metadata\":{\"version\":\"good\"}}");
        assertThat(flagger.status()).isEqualTo(503);
    }
}
