package io.shipwatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.shipwatch.cli.LoadtestCommand;
import io.shipwatch.json.Json;
import io.shipwatch.loadtest.JMeterRuns;
import io.shipwatch.loadtest.LoadTestParsers;
import io.shipwatch.loadtest.LoadTestResult;
import io.shipwatch.loadtest.LoadTestRun;
import io.shipwatch.loadtest.LoadTestRunJson;
import io.shipwatch.loadtest.RunStatus;
import io.shipwatch.testing.DemoService;
import io.shipwatch.testing.Http;
import io.shipwatch.testing.PrometheusServer;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Baselines kept by a real server: record, compare with last-passed, promotion, pinned versions, bad input. */
class LoadtestServerIT {
    @TempDir
    Path dir;

    private ShipwatchServer server;
    private String base;
    private StringWriter out;
    private StringWriter err;

    @BeforeEach
    void start() {
        ServerSettings settings = ServerSettings.resolve(0, null, "jdbc:sqlite:" + dir.resolve("lt.db"), Config.empty(),
                Map.of());
        server = new ShipwatchServer(settings, Clock.systemUTC());
        base = "http://127.0.0.1:" + server.start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    /** The server again on the same database, with {@code yaml} as its config file. */
    private void restart(String yaml) {
        server.close();
        ServerSettings settings = ServerSettings.resolve(0, null, "jdbc:sqlite:" + dir.resolve("lt.db"),
                ConfigLoader.parse(yaml, "shipwatch.yaml"), Map.of());
        server = new ShipwatchServer(settings, Clock.systemUTC());
        base = "http://127.0.0.1:" + server.start();
    }

    /** Waits until Prometheus has 20 s of the service, so every point of the 30 s test window has a rate. */
    private static void awaitScraped(PrometheusServer prometheus) throws InterruptedException {
        String query = URLEncoder.encode("count_over_time(demo_http_requests_total{code=\"200\"}[1m]) >= 20",
                StandardCharsets.UTF_8);
        Instant deadline = Instant.now().plusSeconds(60);
        while (Instant.now().isBefore(deadline)) {
            if (Http.get(prometheus.url() + "/api/v1/query?query=" + query).json().path("data").path("result").size() > 0) {
                return;
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("Prometheus did not scrape the service: " + prometheus.log());
    }

    private int run(String... args) {
        out = new StringWriter();
        err = new StringWriter();
        return LoadtestCommand.commandLine(Map.of("SHIPWATCH_SERVER", base), new PrintWriter(out), new PrintWriter(err))
                .execute(args);
    }

    private String jtl(String name, long seed, String slower, int extraMs) {
        return JMeterRuns.write(dir.resolve(name), seed, 1500, slower, extraMs).toString();
    }

    private JsonNode runs(String query) {
        return Http.get(base + "/api/v1/loadtest/runs?service=checkout&scenario=smoke" + query).json().path("items");
    }

    @Test
    void firstRunBecomesTheBaselineThenARegressionFailsAndIsNotPromoted() {
        String[] scope = {"--service", "checkout", "--scenario", "smoke"};

        assertThat(run(concat(List.of("compare", "--baseline", "last-passed", "--candidate", jtl("v1.jtl", 1, null, 0),
                "--version", "1.0"), scope))).isEqualTo(0);
        assertThat(out.toString()).contains("this run becomes the first");
        assertThat(run(concat(List.of("compare", "--baseline", "last-passed", "--candidate", jtl("v2.jtl", 2, null, 0),
                "--version", "2.0"), scope))).isEqualTo(0);
        assertThat(run(concat(List.of("compare", "--baseline", "last-passed", "--candidate",
                jtl("v3.jtl", 3, "POST /cart", 25), "--version", "3.0", "--output", "json"), scope))).isEqualTo(1);
        JsonNode verdict = Json.mapper().valueToTree(parse(out.toString()));
        assertThat(verdict.path("result").asText()).isEqualTo("fail");

        assertThat(runs("")).extracting(r -> r.path("version").asText() + "=" + r.path("status").asText())
                .containsExactly("3.0=failed", "2.0=passed", "1.0=passed");
        // the failed 3.0 did not become the baseline: the next good build is compared with 2.0 and passes
        assertThat(run(concat(List.of("compare", "--baseline", "last-passed", "--candidate", jtl("v4.jtl", 4, null, 0),
                "--version", "4.0", "--output", "json"), scope))).isEqualTo(0);
        assertThat(out.toString()).contains("\"result\":\"pass\"");
    }

    @Test
    void recordThenPinnedVersionAndMedianOfSeveralRuns() {
        for (int i = 1; i <= 3; i++) {
            assertThat(run("record", "--service", "checkout", "--scenario", "smoke", "--version", "1." + i,
                    jtl("r" + i + ".jtl", i, null, 0))).isEqualTo(0);
            assertThat(out.toString()).matches("[0-9a-f-]{36}\\n");
        }
        String id = runs("&version=1.2").get(0).path("id").asText();
        JsonNode one = Http.get(base + "/api/v1/loadtest/runs/" + id).json();
        assertThat(one.path("raw").asBoolean()).isTrue();
        assertThat(one.path("labels").get(0).path("histogram").asText()).isNotEmpty();

        assertThat(run("compare", "--service", "checkout", "--scenario", "smoke", "--version", "2.0", "--baseline",
                "version:1.2", "--candidate", jtl("c.jtl", 9, "GET /checkout", 60), "--output", "json")).isEqualTo(1);
        assertThat(out.toString()).contains("\"baseline\":\"" + dir.resolve("r2.jtl") + "\"");
        assertThat(run("compare", "--service", "checkout", "--scenario", "smoke", "--version", "2.1", "--no-promote",
                "--baseline", "last-passed:3", "--candidate", jtl("d.jtl", 10, null, 0), "--output", "json")).isEqualTo(0);
        assertThat(out.toString()).contains("\"baseline\":\"median of 3 runs (");
        assertThat(runs("&version=2.1").get(0).path("status").asText()).isEqualTo("unjudged");
    }

    @Test
    void recordMergesTheFilesOfOneRunAndRefusesReportsMixedIn() {
        String east = jtl("east.jtl", 1, null, 0);
        String west = jtl("west.jtl", 2, null, 0);
        LoadTestResult a = LoadTestParsers.read(Path.of(east), "auto");
        LoadTestResult b = LoadTestParsers.read(Path.of(west), "auto");

        assertThat(run("record", "--service", "checkout", "--scenario", "smoke", "--version", "1.0", east, west))
                .as(err.toString()).isEqualTo(0);

        JsonNode stored = Http.get(base + "/api/v1/loadtest/runs/" + runs("").get(0).path("id").asText()).json();
        assertThat(stored.path("source").asText()).isEqualTo(east + ", " + west);
        assertThat(stored.path("total").path("count").asLong()).isEqualTo(a.total().count() + b.total().count());
        assertThat(stored.path("total").path("errors").asLong())
                .isEqualTo(a.total().errors() + b.total().errors());
        assertThat(Instant.parse(stored.path("startedAt").asText()))
                .isEqualTo(a.startedAt().isBefore(b.startedAt()) ? a.startedAt() : b.startedAt());
        assertThat(Instant.parse(stored.path("endedAt").asText()))
                .isEqualTo(a.endedAt().isAfter(b.endedAt()) ? a.endedAt() : b.endedAt());

        Path report = dir.resolve("summary.json");
        writeK6Summary(report);
        assertThat(run("record", "--service", "checkout", "--scenario", "smoke", "--version", "1.1", east,
                report.toString())).isEqualTo(2);
        assertThat(err.toString()).isEqualTo(report + ": is a k6-summary report, and the percentiles of several "
                + "reports cannot be merged exactly; give the raw per-request results of each file, or record each "
                + "report as a run of its own\n");
        assertThat(runs("")).hasSize(1);
    }

    private static void writeK6Summary(Path file) {
        try (InputStream in = LoadtestServerIT.class.getResourceAsStream("/loadtest/k6-summary/summary-export.json")) {
            Files.copy(in, file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void badRunIsRefusedWholeAndNothingIsRecorded() {
        LoadTestRun good = new LoadTestRun(null, "checkout", "smoke", "1.0", RunStatus.PASSED, null,
                LoadTestParsers.read(Path.of(jtl("g.jtl", 1, null, 0)), "auto"), List.of());
        ObjectNode body = LoadTestRunJson.write(good);
        ((ObjectNode) body.path("labels").get(1)).put("count", -3);
        ((ObjectNode) body.path("labels").get(2)).put("histogram", "garbage");

        Http.Response response = Http.post(base + "/api/v1/loadtest/runs", body.toString());

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().path("errors")).extracting(e -> e.path("field").asText())
                .contains("labels[1].count", "labels[2].histogram");
        assertThat(runs("")).isEmpty();
    }

    @Test
    void histogramClaimingAHugeRangeIsA400NamingItsField() {
        LoadTestRun good = new LoadTestRun(null, "checkout", "smoke", "1.0", RunStatus.PASSED, null,
                LoadTestParsers.read(Path.of(jtl("g.jtl", 1, null, 0)), "auto"), List.of());
        ObjectNode body = LoadTestRunJson.write(good);
        for (JsonNode label : body.path("labels")) { // ~100 MB each if decoded as declared
            ((ObjectNode) label).put("histogram", io.shipwatch.loadtest.HostileHistograms.claiming(1, 5, Long.MAX_VALUE / 2));
        }

        Http.Response response = Http.post(base + "/api/v1/loadtest/runs", body.toString());

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().path("errors").get(0).path("field").asText()).isEqualTo("labels[0].histogram");
        assertThat(response.json().path("errors").get(0).path("message").asText()).contains("5 significant digits");
        assertThat(runs("")).isEmpty();
    }

    @Test
    void aStoredRunWithAnUnreadableHistogramStillLists() throws Exception {
        assertThat(run("record", "--service", "checkout", "--scenario", "smoke", "--version", "1.0",
                jtl("v1.jtl", 1, null, 0))).isEqualTo(0);
        try (var db = java.sql.DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("lt.db"));
             var update = db.createStatement()) {
            update.executeUpdate("UPDATE loadtest_labels SET histogram = '1:bm90IGEgaGlzdG9ncmFt' "
                    + "WHERE histogram IS NOT NULL");
        }

        Http.Response list = Http.get(base + "/api/v1/loadtest/runs?service=checkout&scenario=smoke");

        assertThat(list.status()).isEqualTo(200);
        assertThat(list.json().path("items")).hasSize(1);
        assertThat(list.json().path("items").get(0).path("labels").get(0).path("count").asLong()).isPositive();
        assertThat(list.json().path("items").get(0).path("labels").get(0).has("histogram")).isFalse();
    }

    @Test
    void badFilesAreOneLineExit2AndSendNothing() {
        Path empty = dir.resolve("empty.jtl");
        assertThat(run("record", "--service", "checkout", "--scenario", "smoke", "--version", "1", empty.toString()))
                .isEqualTo(2);
        assertThat(err.toString()).isEqualTo(empty + ": no such file; give the path of a load-test result file\n");
        assertThat(run("record", "--scenario", "smoke", jtl("x.jtl", 1, null, 0))).isEqualTo(2);
        assertThat(err.toString()).isEqualTo("--service: is required; name it, such as --service checkout / --version: "
                + "is required; name it, such as --version 2.1.0\n");
        assertThat(runs("")).isEmpty();
    }

    @Test
    void runWrapsTheToolAndComparesTheServiceMetricsFromARealBackend() throws Exception {
        try (DemoService checkout = DemoService.start("checkout", "v1", 0.01, 0.050, 1);
             PrometheusServer prometheus = PrometheusServer.builder().scrape("checkout", checkout.metricsUrl()).start()) {
            restart("""
                    metrics:
                      provider: {type: prometheus, url: "%s"}
                      panels:
                        - {id: request_rate, title: Request rate, unit: req/s, query: 'sum(rate(demo_http_requests_total{service="{{service}}"}[30s]))'}
                        - {id: errors, title: Errors, unit: req/s, query: 'sum(rate(demo_http_requests_total{service="{{service}}",code="500"}[30s]))'}
                    """.formatted(prometheus.url()));
            awaitScraped(prometheus);
            String v1 = jtl("tool-v1.jtl", 1, null, 0);
            String v2 = jtl("tool-v2.jtl", 2, null, 0);
            String results = dir.resolve("results.jtl").toString();
            String[] scope = {"--service", "checkout", "--scenario", "smoke", "--results", results};

            assertThat(run(concat(List.of("run", "--version", "1.0"), concat(List.of(scope), "--", "sh", "-c",
                    "echo load tool says hello; cp " + v1 + " " + results)))).isEqualTo(0);
            assertThat(err.toString()).isEqualTo("load tool says hello\n");
            assertThat(out.toString()).contains("this run becomes the first");
            JsonNode first = runs("").get(0);
            assertThat(first.path("serviceMetrics")).extracting(m -> m.path("id").asText())
                    .containsExactly("request_rate", "errors");
            assertThat(first.path("serviceMetrics").get(0).path("mean").asDouble()).as(first.toString()).isPositive();

            assertThat(run(concat(List.of("run", "--version", "2.0", "--output", "json"), concat(List.of(scope), "--",
                    "cp", v2, results)))).isEqualTo(0);
            JsonNode verdict = parse(out.toString());
            assertThat(verdict.path("service")).extracting(m -> m.path("id").asText())
                    .containsExactly("request_rate", "errors");
            assertThat(verdict.path("service").get(0).path("baseline").isNumber()).isTrue();
            assertThat(runs("")).hasSize(2);
        }
    }

    @Test
    void runWithoutAMetricsBackendJudgesTheResultsAloneAndSaysSo() {
        String results = dir.resolve("results.jtl").toString();
        String[] scope = {"--service", "checkout", "--scenario", "smoke", "--results", results};

        assertThat(run(concat(List.of("run", "--version", "1.0", "--output", "json"), concat(List.of(scope), "--",
                "cp", jtl("v1.jtl", 1, null, 0), results)))).isEqualTo(0);
        assertThat(err.toString()).isEqualTo("shipwatch loadtest run: the server has no metrics backend configured "
                + "(metrics.provider in its config file); judging the load-test results alone, without the service's "
                + "metrics\n");
        assertThat(parse(out.toString()).path("service").isMissingNode()).as(out.toString()).isTrue();
        assertThat(runs("").get(0).path("serviceMetrics")).isEmpty();
    }

    @Test
    void runNeverJudgesDemoSeriesEvenWhenTheServerIsConfiguredWithThem() {
        restart("metrics:\n  provider: {type: demo}\n");
        // the demo provider answers every window with made-up series: they must not reach the verdict
        assertThat(Http.get(base + "/api/v1/services/checkout/metrics").json().path("panels").get(0).path("series"))
                .isNotEmpty();
        String results = dir.resolve("results.jtl").toString();
        String[] scope = {"--service", "checkout", "--scenario", "smoke", "--results", results};

        assertThat(run(concat(List.of("run", "--version", "1.0"), concat(List.of(scope), "--",
                "cp", jtl("v1.jtl", 1, null, 0), results)))).isEqualTo(0);
        assertThat(err.toString()).startsWith("shipwatch loadtest run: the server only has demo data");
        assertThat(runs("").get(0).path("serviceMetrics")).isEmpty();
    }

    @Test
    void runThatRequiresServiceMetricsFromAServerWithoutABackendIsExit2BeforeTheTool() {
        String results = dir.resolve("results.jtl").toString();
        Path ran = dir.resolve("tool-ran");

        assertThat(run("run", "--service", "checkout", "--scenario", "smoke", "--version", "1", "--results", results,
                "--service-metrics", "required", "--", "touch", ran.toString())).isEqualTo(2);
        assertThat(err.toString()).isEqualTo("--service-metrics: required, but the server " + base + " has no metrics "
                + "backend configured (metrics.provider in its config file); configure a metrics backend on the "
                + "server, or use --service-metrics auto\n");
        assertThat(ran).doesNotExist();
        assertThat(runs("")).isEmpty();
    }

    @Test
    void runThatCannotStartOrWritesNoResultsIsOneLineExit2AndRecordsNothing() {
        String results = dir.resolve("missing.jtl").toString();
        String[] scope = {"run", "--service", "checkout", "--scenario", "smoke", "--version", "1", "--results", results,
            "--service-metrics", "off"};

        assertThat(run(concat(List.of(scope), "--", "no-such-load-tool", "x"))).isEqualTo(2);
        assertThat(err.toString()).startsWith("--: cannot run 'no-such-load-tool' (").endsWith(
                "; check the command after -- and that it is on PATH\n");
        assertThat(run(concat(List.of(scope), "--", "sh", "-c", "exit 3"))).isEqualTo(2);
        assertThat(err.toString()).isEqualTo("--: 'sh' exited with 3 and " + results + ": no such file; give the path "
                + "of a load-test result file; check the command's output above\n");
        assertThat(runs("")).isEmpty();
    }

    private static String[] concat(List<String> head, String... tail) {
        List<String> all = new ArrayList<>(head);
        all.addAll(List.of(tail));
        return all.toArray(String[]::new);
    }

    private static JsonNode parse(String json) {
        try {
            return Json.mapper().readTree(json);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
