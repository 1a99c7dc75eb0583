package io.shipwatch.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.shipwatch.json.Json;
import io.shipwatch.testing.OpenMetricsText;
import io.shipwatch.testing.PrometheusServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

/**
 * {@code shipwatch gate evaluate} over a past window of data backfilled into a real Prometheus: a healthy version
 * passes, a bad one fails, a query Prometheus rejects is an error with its message, and with Prometheus stopped the
 * gate is an error (exit 3), never a pass.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GateEvaluateIT {
    // an hour of per-minute error ratios, starting three hours ago
    private static final Instant FROM = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(3));
    private static final Instant WINDOW_START = FROM.plus(Duration.ofMinutes(10));
    private static final Instant WINDOW_END = FROM.plus(Duration.ofMinutes(40));

    private static PrometheusServer prometheus;
    @TempDir
    static Path dir;
    private static Path spec;

    private static double goodRatio(int minute) {
        return 0.001 + (minute % 5) * 0.001;
    }

    private static double badRatio(int minute) {
        return 0.03 + (minute % 7) * 0.002;
    }

    @BeforeAll
    static void startPrometheus() throws IOException {
        Map<Instant, Double> good = new LinkedHashMap<>();
        Map<Instant, Double> bad = new LinkedHashMap<>();
        Map<Instant, Double> latency = new LinkedHashMap<>();
        for (int i = 0; i < 60; i++) {
            Instant t = FROM.plus(Duration.ofMinutes(i));
            good.put(t, goodRatio(i));
            bad.put(t, badRatio(i));
            latency.put(t, 0.2 + i * 0.001);
        }
        prometheus = PrometheusServer.builder()
                .backfill(new OpenMetricsText()
                        .gauge("shipwatch_it_error_ratio", Map.of("service", "checkout", "version", "good"), good)
                        .gauge("shipwatch_it_error_ratio", Map.of("service", "checkout", "version", "bad"), bad)
                        .gauge("shipwatch_it_latency_seconds", Map.of("service", "checkout"), latency))
                .start();
        spec = dir.resolve("gate.yaml");
        Files.writeString(spec, """
                name: checkout
                provider: {type: prometheus, url: %s}
                step: 1m
                objectives:
                  - name: error_rate
                    query: 'shipwatch_it_error_ratio{service="checkout",version="{{version}}"}'
                    pass: ["< 0.01"]
                    warning: ["< 0.02"]
                    key: true
                  - name: latency_p95
                    query: 'shipwatch_it_latency_seconds{service="checkout"}'
                    aggregate: p95
                    pass: ["<= 0.5"]
                  - name: missing
                    query: 'shipwatch_it_nothing_here'
                    pass: ["< 1"]
                    noData: ignore
                """.formatted(prometheus.url()));
    }

    @AfterAll
    static void stopPrometheus() {
        if (prometheus != null) {
            prometheus.close();
        }
    }

    private record Run(int exit, String out, String err) {
        JsonNode json() throws IOException {
            return Json.mapper().readTree(out);
        }
    }

    private static Run gate(Path specFile, String... extra) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        var cl = ShipwatchCommand.commandLine(Map.of());
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        List<String> args = new ArrayList<>(List.of("gate", "evaluate", "--spec", specFile.toString(),
                "--start", WINDOW_START.toString(), "--end", WINDOW_END.toString()));
        args.addAll(List.of(extra));
        int exit = cl.execute(args.toArray(String[]::new));
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    @Order(1)
    void healthyVersionPassesOverAPastWindow() throws IOException {
        Run run = gate(spec, "--var", "version=good", "--output", "json");
        assertThat(run.exit()).as(run.err()).isZero();
        JsonNode json = run.json();
        assertThat(json.get("result").asText()).isEqualTo("pass");
        assertThat(json.get("score").asDouble()).isEqualTo(100.0);
        JsonNode errorRate = json.get("objectives").get(0);
        double expected = 0;
        for (int i = 10; i < 40; i++) {
            expected += goodRatio(i) / 30;
        }
        assertThat(errorRate.get("samples").asInt()).isEqualTo(30);
        assertThat(errorRate.get("value").asDouble()).isCloseTo(expected, within(1e-12));
        assertThat(errorRate.get("result").asText()).isEqualTo("pass");
        // nearest-rank p95 of 30 per-minute latencies 0.210 ... 0.239: rank 29
        assertThat(json.get("objectives").get(1).get("value").asDouble()).isCloseTo(0.2 + 38 * 0.001, within(1e-12));
        assertThat(json.get("objectives").get(2).get("result").asText()).isEqualTo("nodata");
    }

    @Test
    @Order(2)
    void badVersionFailsOverTheSameWindow() throws IOException {
        Run run = gate(spec, "--var", "version=bad", "--output", "json");
        assertThat(run.exit()).isEqualTo(1);
        JsonNode json = run.json();
        assertThat(json.get("result").asText()).isEqualTo("fail");
        assertThat(json.get("reason").asText()).startsWith("key objective 'error_rate' failed: avg of 30 points = 0.03");
        assertThat(json.get("objectives").get(0).get("result").asText()).isEqualTo("fail");
    }

    @Test
    @Order(3)
    void junitOutputHasOneTestCasePerObjective() throws Exception {
        Run run = gate(spec, "--var", "version=bad", "--output", "junit");
        assertThat(run.exit()).isEqualTo(1);
        Document xml = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(run.out().getBytes(StandardCharsets.UTF_8)));
        assertThat(xml.getElementsByTagName("testcase").getLength()).isEqualTo(3);
        assertThat(xml.getElementsByTagName("failure").getLength()).isEqualTo(1);
        assertThat(xml.getElementsByTagName("skipped").getLength()).isEqualTo(1);
    }

    @Test
    @Order(4)
    void queryPrometheusRejectsIsAnErrorWithItsMessage() throws IOException {
        Path broken = dir.resolve("broken.yaml");
        Files.writeString(broken, Files.readString(spec).replace("'shipwatch_it_nothing_here'",
                "'sum(rate(shipwatch_it_error_ratio[1m])'"));
        Run run = gate(broken, "--var", "version=good", "--output", "json");
        assertThat(run.exit()).isEqualTo(3);
        JsonNode missing = run.json().get("objectives").get(2);
        assertThat(missing.get("result").asText()).isEqualTo("error");
        assertThat(missing.get("reason").asText()).contains("parse error");
        assertThat(run.json().get("result").asText()).isEqualTo("error");
        assertThat(run.err()).startsWith("gate checkout: no verdict: could not measure 'missing'").doesNotContain("\n\n");
    }

    @Test
    @Order(4)
    void pinnedReleaseIsTheBaselineOverTheSameWindow() throws IOException {
        Path pinned = dir.resolve("pinned.yaml");
        Files.writeString(pinned, """
                name: pinned
                provider: {type: prometheus, url: %s}
                step: 1m
                baseline: {version: good}
                objectives:
                  - name: error_rate
                    query: 'shipwatch_it_error_ratio{service="checkout",version="{{version}}"}'
                    pass: ["<=+50%%"]
                  - name: two_series
                    query: 'shipwatch_it_error_ratio'
                    noData: ignore
                """.formatted(prometheus.url()));
        Run run = gate(pinned, "--var", "version=bad", "--output", "json");
        JsonNode errorRate = run.json().get("objectives").get(0);
        double good = 0;
        for (int i = 10; i < 40; i++) {
            good += goodRatio(i) / 30;
        }
        assertThat(errorRate.get("baseline").asDouble()).isCloseTo(good, within(1e-12));
        assertThat(errorRate.get("result").asText()).isEqualTo("fail");
        assertThat(errorRate.get("reason").asText()).contains("(version good over the same window, 30 points)");
        // an informational objective whose query gives two series cannot be measured: the gate has no verdict
        JsonNode two = run.json().get("objectives").get(1);
        assertThat(two.get("result").asText()).isEqualTo("error");
        assertThat(two.get("reason").asText()).isEqualTo("the query failed: the query returned 2 series, expected one; "
                + "aggregate it, such as sum(...) or avg(...)");
        assertThat(run.exit()).isEqualTo(3);
    }

    @Test
    @Order(5)
    void keptnSloAndSliFilesAreEvaluatedDirectly() throws IOException {
        Path slo = dir.resolve("slo.yaml");
        Path sli = dir.resolve("sli.yaml");
        try (var in = getClass().getResourceAsStream("/gate/keptn/slo.yaml")) {
            Files.write(slo, in.readAllBytes());
        }
        try (var in = getClass().getResourceAsStream("/gate/keptn/sli.yaml")) {
            Files.write(sli, in.readAllBytes());
        }
        StringWriter out = new StringWriter();
        var cl = ShipwatchCommand.commandLine(Map.of());
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(new StringWriter()));
        int exit = cl.execute("gate", "evaluate", "--keptn-slo", slo.toString(), "--keptn-sli", sli.toString(),
                "--prometheus", prometheus.url().toString(), "--var", "service=checkout", "--var", "deployment=good",
                "--start", WINDOW_START.toString(), "--end", WINDOW_END.toString(), "--output", "json");
        assertThat(exit).as(out.toString()).isZero();
        JsonNode json = Json.mapper().readTree(out.toString());
        double expected = 0;
        for (int i = 10; i < 40; i++) {
            expected += goodRatio(i) / 30;
        }
        assertThat(json.get("objectives").get(0).get("value").asDouble()).isCloseTo(expected, within(1e-12));
        assertThat(json.get("objectives").get(1).get("value").asDouble()).isCloseTo(239, within(1e-9));
        assertThat(json.get("objectives").get(2).get("result").asText()).isEqualTo("info");
        assertThat(json.get("result").asText()).isEqualTo("pass");
    }

    @Test
    @Order(6)
    void withPrometheusStoppedTheGateIsAnErrorNotAPass() throws IOException {
        prometheus.close();
        prometheus = null;
        Run run = gate(spec, "--var", "version=good", "--output", "json");
        assertThat(run.exit()).isEqualTo(3);
        JsonNode json = run.json();
        assertThat(json.get("result").asText()).isEqualTo("error");
        assertThat(json.get("score").isNull()).isTrue();
        assertThat(json.get("objectives").get(0).get("result").asText()).isEqualTo("error");
        assertThat(json.get("objectives").get(0).get("reason").asText()).contains("cannot connect");
        assertThat(run.err().lines().count()).isEqualTo(1);
    }
}
