package io.shipwatch.loadtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.shipwatch.core.InputException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Files the tools made themselves (JMeter 5.6.3 and Gatling 3.0.3 to 3.14.0 from Maven Central, Debian's Locust 2.12,
 * against loadtest/real/server.py; see make_jmeter.sh, make_gatling.sh, make_gatling_versions.sh and make_locust.sh)
 * against statistics computed in Python from every request (independent_stats.py, gatling_stats.py).
 */
class RealToolFilesTest {

    @Test
    void jmeterCsvMatchesIndependentStatistics() {
        assertExact(Fixtures.read("real/jmeter/results.jtl"), Fixtures.json("real/jmeter/expected.json"));
    }

    @Test
    void jmeterXmlMatchesIndependentStatistics() {
        assertExact(Fixtures.read("real/jmeter/results.xml"), Fixtures.json("real/jmeter/expected-xml.json"));
    }

    @Test
    void jmeterDashboardCountsAndMeansMatchButItsPercentilesInterpolate() {
        LoadTestResult r = Fixtures.read("real/jmeter/statistics.json");
        JsonNode expected = Fixtures.json("real/jmeter/expected.json");

        assertThat(r.format()).isEqualTo("jmeter-statistics");
        assertBasics(r.total(), expected.path("total"));
        for (LabelSummary l : r.labels()) {
            assertBasics(l, expected.path("labels").path(l.label()));
        }
        assertThat(r.labels()).hasSize(expected.path("labels").size());
    }

    @Test
    void locustStatsMatchEveryRequestItLoggedWithinItsRounding() {
        LoadTestResult r = Fixtures.read("real/locust/run_stats.csv");
        JsonNode expected = Fixtures.json("real/locust/expected.json");

        assertThat(r.format()).isEqualTo("locust-stats");
        assertLocust(r.total(), expected.path("total"));
        for (LabelSummary l : r.labels()) {
            assertLocust(l, expected.path("labels").path(l.label()));
        }
        assertThat(r.labels()).hasSize(expected.path("labels").size());
    }

    @Test
    void locustHistoryEndsWithTheSameTotals() {
        LoadTestResult r = Fixtures.read("real/locust/run_stats_history.csv");
        JsonNode expected = Fixtures.json("real/locust/expected.json");

        assertThat(r.format()).isEqualTo("locust-history");
        assertBasics(r.total(), expected.path("total"));
        assertThat(r.startedAt()).isBefore(r.endedAt());
    }

    @ParameterizedTest
    @ValueSource(strings = {"3.0.3", "3.3.1", "3.10.5", "3.12.0", "3.13.5", "3.14.0"})
    void everyGatlingVersionsSimulationLogWithAssertionsMatchesIndependentStatistics(String version) {
        LoadTestResult r = Fixtures.read("real/gatling-versions/simulation-" + version + ".log");

        assertThat(r.format()).isEqualTo("gatling-log");
        assertThat(r.notes()).anyMatch(n -> n.contains("Gatling " + version));
        assertExact(r, Fixtures.json("real/gatling-versions/simulation-" + version + ".expected.json"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"3.13.5", "3.14.0"})
    void gatlingBinaryLogMatchesGatlingsOwnConsoleSummary(String version) throws IOException {
        LoadTestResult r = Fixtures.read("real/gatling-versions/simulation-" + version + ".log");
        // "> request count | 54 | 53 | 1" and the like: total, OK, KO ("-" for none)
        List<String> console = Files.readAllLines(
                Fixtures.path("real/gatling-versions/console-" + version + ".txt"));
        String[] count = console.get(0).split("\\|");
        String[] min = console.get(1).split("\\|");
        String[] max = console.get(2).split("\\|");

        assertThat(r.total().count()).isEqualTo(Long.parseLong(count[1].strip()));
        assertThat(r.total().errors()).isEqualTo(Long.parseLong(count[1].strip()) - Long.parseLong(count[2].strip()));
        assertThat(r.total().minMs()).isEqualTo(Double.parseDouble(min[1].strip()));
        assertThat(r.total().maxMs()).isEqualTo(Double.parseDouble(max[1].strip()));
        assertThat(r.label("Buy / Cart \u2192 add")).isPresent();
    }

    @Test
    void gatlingBinaryLogWithAnUnknownRecordTypeIsRefusedNamingTheByte() throws IOException {
        byte[] log = Files.readAllBytes(Fixtures.path("real/gatling-versions/simulation-3.14.0.log"));
        log[279] = 9; // the type byte of the ninth record (see gatling-log/binary/simulation.log, the file cut there)

        assertThatThrownBy(() -> LoadTestParsers.read(new ByteArrayInputStream(log), "sim.log", "sim.log", "auto"))
                .isInstanceOf(InputException.class)
                .hasMessage("sim.log: byte 279: record 9 has type 9, expected 0 to 4; the file looks truncated or "
                        + "damaged; take the whole simulation.log as Gatling wrote it");
    }

    @Test
    void jmeterCsvWithADateTimeStampIsDetectedAndReadInThisMachinesZone() {
        LoadTestResult r = Fixtures.read("real/jmeter-timestamps/slashes.jtl");
        JsonNode expected = Fixtures.json("real/jmeter-timestamps/slashes.jtl.expected.json");

        assertExact(r, expected);
        assertThat(r.startedAt()).isEqualTo(LocalDateTime.parse(expected.path("firstTimeStamp").asText())
                .atZone(ZoneId.systemDefault()).toInstant());
        assertThat(r.notes()).contains("timeStamp read as 'yyyy/MM/dd HH:mm:ss.SSS', in this machine's time zone");
    }

    @Test
    void jmeterCsvWithAnUnknownDatePatternNeedsTheTimestampFormat() throws IOException {
        Path file = Fixtures.path("real/jmeter-timestamps/dotted.jtl");
        JsonNode expected = Fixtures.json("real/jmeter-timestamps/dotted.jtl.expected.json");

        assertThatThrownBy(() -> LoadTestParsers.read(file, "auto"))
                .isInstanceOf(InputException.class)
                .hasMessageStartingWith(file + ":2: column 'timeStamp' is '" + Files.readAllLines(file).get(1)
                        .split("\"")[1] + "'; pass --timestamp-format with the jmeter.save.saveservice.timestamp_format");
        LoadTestResult r = LoadTestParsers.read(file, "auto", "dd.MM.yyyy HH:mm:ss,SSS");
        assertExact(r, expected);
        assertThat(r.startedAt()).isEqualTo(LocalDateTime.parse(expected.path("firstTimeStamp").asText())
                .atZone(ZoneId.systemDefault()).toInstant());
        assertThatThrownBy(() -> LoadTestParsers.read(file, "auto", "yyyy/MM/dd HH:mm:ss.SSS"))
                .hasMessageStartingWith(file + ":2: column 'timeStamp' is '")
                .hasMessageContaining("', not 'yyyy/MM/dd HH:mm:ss.SSS'; pass --timestamp-format");
    }

    @Test
    void gatlingSimulationLogMatchesIndependentStatistics() {
        LoadTestResult r = Fixtures.read("real/gatling/simulation.log");

        assertThat(r.format()).isEqualTo("gatling-log");
        assertExact(r, Fixtures.json("real/gatling/expected.json"));
    }

    @Test
    void gatlingReportCountsMatchItsMeansAreRoundedAndItsPercentilesAreItsOwn() {
        JsonNode expected = Fixtures.json("real/gatling/expected.json");
        LoadTestResult stats = Fixtures.read("real/gatling/stats.json");
        LoadTestResult global = Fixtures.read("real/gatling/global_stats.json");

        assertThat(global.total()).isEqualTo(stats.total());
        assertGatling(stats.total(), expected.path("total"));
        assertThat(stats.labels()).hasSize(expected.path("labels").size());
        for (LabelSummary l : stats.labels()) {
            assertGatling(l, expected.path("labels").path(l.label()));
        }
    }

    /** Gatling rounds its means to whole milliseconds and estimates percentiles its own way. */
    private static void assertGatling(LabelSummary actual, JsonNode expected) {
        assertThat(actual.count()).as(actual.label() + " count").isEqualTo(expected.path("count").asLong());
        assertThat(actual.errors()).as(actual.label() + " errors").isEqualTo(expected.path("errors").asLong());
        assertThat(actual.minMs()).as(actual.label() + " min").isEqualTo(expected.path("minMs").asDouble());
        assertThat(actual.maxMs()).as(actual.label() + " max").isEqualTo(expected.path("maxMs").asDouble());
        assertThat(actual.meanMs()).as(actual.label() + " mean").isCloseTo(expected.path("meanMs").asDouble(), within(0.5));
        assertThat(actual.p50Ms()).isBetween(actual.minMs(), actual.p95Ms());
        assertThat(actual.p95Ms()).isBetween(actual.p50Ms(), actual.p99Ms());
        assertThat(actual.p99Ms()).isBetween(actual.p95Ms(), actual.maxMs());
    }

    private static void assertExact(LoadTestResult r, JsonNode expected) {
        assertThat(r.raw()).isTrue();
        assertExact(r.total(), expected.path("total"));
        assertThat(r.labels()).hasSize(expected.path("labels").size());
        for (Iterator<Map.Entry<String, JsonNode>> it = expected.path("labels").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            assertExact(r.label(e.getKey()).orElseThrow(), e.getValue());
        }
    }

    private static void assertExact(LabelSummary actual, JsonNode expected) {
        assertBasics(actual, expected);
        assertThat(actual.p50Ms()).as(actual.label() + " p50").isEqualTo(expected.path("p50Ms").asDouble());
        assertThat(actual.p90Ms()).as(actual.label() + " p90").isEqualTo(expected.path("p90Ms").asDouble());
        assertThat(actual.p95Ms()).as(actual.label() + " p95").isEqualTo(expected.path("p95Ms").asDouble());
        assertThat(actual.p99Ms()).as(actual.label() + " p99").isEqualTo(expected.path("p99Ms").asDouble());
    }

    private static void assertBasics(LabelSummary actual, JsonNode expected) {
        assertThat(actual.count()).as(actual.label() + " count").isEqualTo(expected.path("count").asLong());
        assertThat(actual.errors()).as(actual.label() + " errors").isEqualTo(expected.path("errors").asLong());
        assertThat(actual.meanMs()).as(actual.label() + " mean").isCloseTo(expected.path("meanMs").asDouble(), within(1e-9));
        assertThat(actual.minMs()).as(actual.label() + " min").isEqualTo(expected.path("minMs").asDouble());
        assertThat(actual.maxMs()).as(actual.label() + " max").isEqualTo(expected.path("maxMs").asDouble());
    }

    /** Locust rounds times into buckets before its percentiles: 1 ms below 100, 10 ms to 1000, 100 ms above. */
    private static void assertLocust(LabelSummary actual, JsonNode expected) {
        assertBasics(actual, expected);
        String[][] percentiles = {{"p50Ms", "p50"}, {"p90Ms", "p90"}, {"p95Ms", "p95"}, {"p99Ms", "p99"}};
        for (String[] p : percentiles) {
            double exact = expected.path(p[0]).asDouble();
            double bucket = exact < 100 ? 2 : exact < 1000 ? 10 : 100;
            assertThat(actual.metric(Metric.parse(p[1], "test"))).as(actual.label() + " " + p[1])
                    .isCloseTo(exact, within(bucket));
        }
    }
}
