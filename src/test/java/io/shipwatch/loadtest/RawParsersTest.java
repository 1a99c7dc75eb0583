package io.shipwatch.loadtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every raw format against the statistics make_fixtures.py computed independently from the same samples
 * (nearest-rank percentiles in plain Python). JMeter and Gatling give whole milliseconds, read exactly; k6's
 * microseconds are exact too below 32.767 ms and within 1/16384 above.
 */
class RawParsersTest {

    @ParameterizedTest(name = "{0} as {1}")
    @CsvSource({
            "jmeter-csv/default-17.jtl, jmeter-csv, jmeter-csv/default-17.expected.json, 0",
            "jmeter-csv/no-header.jtl, jmeter-csv, jmeter-csv/no-header.expected.json, 0",
            "jmeter-csv/custom-columns.tsv, jmeter-csv, jmeter-csv/custom-columns.expected.json, 0",
            "jmeter-xml/results.xml, jmeter-xml, jmeter-xml/results.expected.json, 0",
            "k6-json/results.ndjson, k6-json, k6-json/results.expected.json, 0.0001",
            "k6-json/results.ndjson.gz, k6-json, k6-json/results.expected.json, 0.0001",
            "k6-csv/results.csv, k6-csv, k6-csv/results.expected.json, 0.0001",
            "gatling-log/simulation-3.9.log, gatling-log, gatling-log/simulation-3.9.expected.json, 0",
            "gatling-log/simulation-3.2.log, gatling-log, gatling-log/simulation-3.2.expected.json, 0",
    })
    void matchesStatisticsComputedIndependently(String file, String format, String expectedFile, double relative) {
        LoadTestResult result = Fixtures.read(file);
        JsonNode expected = Fixtures.json(expectedFile);

        assertThat(result.format()).isEqualTo(format);
        assertThat(result.raw()).isTrue();
        assertThat(result.startedAt()).isEqualTo(micros(expected.path("startedAtMs").asDouble()));
        assertThat(result.endedAt()).isEqualTo(micros(expected.path("endedAtMs").asDouble()));
        assertSame(result.total(), expected.path("total"), relative);
        assertThat(result.labels()).extracting(LabelSummary::label)
                .containsExactlyInAnyOrderElementsOf(() -> expected.path("labels").fieldNames());
        for (Iterator<Map.Entry<String, JsonNode>> it = expected.path("labels").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> label = it.next();
            assertSame(result.label(label.getKey()).orElseThrow(), label.getValue(), relative);
            assertThat(result.histograms().get(label.getKey()).count()).isEqualTo(label.getValue().path("count").asLong());
        }
    }

    private static Instant micros(double epochMillis) {
        return Instant.EPOCH.plusNanos(Math.round(epochMillis * 1000) * 1000);
    }

    private static void assertSame(LabelSummary actual, JsonNode expected, double relative) {
        assertThat(actual.count()).as(actual.label() + " count").isEqualTo(expected.path("count").asLong());
        assertThat(actual.errors()).as(actual.label() + " errors").isEqualTo(expected.path("errors").asLong());
        assertThat(actual.throughputPerSecond()).as(actual.label() + " throughput")
                .isCloseTo(expected.path("throughputPerSecond").asDouble(),
                        within(expected.path("throughputPerSecond").asDouble() * 1e-6)); // spans to the microsecond
        assertThat(actual.meanMs()).as(actual.label() + " mean").isCloseTo(expected.path("meanMs").asDouble(), within(1e-9));
        assertThat(actual.minMs()).as(actual.label() + " min").isEqualTo(expected.path("minMs").asDouble());
        assertThat(actual.maxMs()).as(actual.label() + " max").isEqualTo(expected.path("maxMs").asDouble());
        String[][] percentiles = {{"p50Ms", "p50"}, {"p90Ms", "p90"}, {"p95Ms", "p95"}, {"p99Ms", "p99"}, {"p999Ms", "p99.9"}};
        for (String[] p : percentiles) {
            double want = expected.path(p[0]).asDouble();
            double got = actual.metric(Metric.parse(p[1], "test"));
            assertThat(got).as(actual.label() + " " + p[1]).isCloseTo(want, within(Math.max(want * relative, 0.0005)));
        }
    }
}
