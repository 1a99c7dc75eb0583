package io.shipwatch.loadtest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The pre-aggregated reports: each tool's own numbers, mapped to the right fields, and nothing invented. */
class AggregatedParsersTest {

    @Test
    void readsLegacySummaryExportWhereTrueMeansTheThresholdFailed() {
        LoadTestResult r = Fixtures.read("k6-summary/summary-export.json");

        assertThat(r.format()).isEqualTo("k6-summary");
        assertThat(r.raw()).isFalse();
        assertThat(r.total()).isEqualTo(new LabelSummary("total", 4, 1L, 1.951997645110041, 164.915125, 129.34,
                265.3364, 132.49205, 225.93539000000004, 245.63589499999998, null, null));
        assertThat(r.total().errorRate()).isEqualTo(0.25);
        assertThat(r.labels()).containsExactly(new LabelSummary("login", 2, null, 0.9759988225, 230.1, 200.5,
                265.3364, 228.2, 260.0, 262.7, null, null));
        assertThat(r.thresholds()).containsExactlyInAnyOrder(
                new LoadTestResult.Threshold("http_req_duration", "p(95)<200", false),
                new LoadTestResult.Threshold("http_req_duration{name:login}", "p(95)<1000", true),
                new LoadTestResult.Threshold("http_req_failed", "rate<0.01", false));
        assertThat(r.histograms()).isEmpty();
    }

    @Test
    void readsHandleSummaryWhereOkMeansPassed() {
        LoadTestResult r = Fixtures.read("k6-summary/handle-summary.json");

        assertThat(r.total()).isEqualTo(new LabelSummary("total", 20, 1L, 2.4169333249062928, 255.6286, 252.999,
                260.89, 255.0285, 257.8066, 260.64205000000004, 260.8404, null));
        assertThat(r.thresholds()).containsExactlyInAnyOrder(
                new LoadTestResult.Threshold("http_req_duration", "p(95)<500", true),
                new LoadTestResult.Threshold("http_req_duration", "p(99)<250", false),
                new LoadTestResult.Threshold("http_req_failed", "rate<0.01", false));
        assertThat(r.labels()).isEmpty();
        assertThat(r.notes()).anyMatch(n -> n.contains("no per-label submetrics"));
    }

    @Test
    void readsLocustStatsWithAggregatedAsTotal() {
        LoadTestResult r = Fixtures.read("locust-stats/run_stats.csv");

        assertThat(r.format()).isEqualTo("locust-stats");
        assertThat(r.labels()).containsExactly(
                new LabelSummary("GET /", 412, 0L, 13.7404, 5.0731, 1.6931, 39.2101, 4.0, 8.0, 10.0, 19.0, 39.0),
                new LabelSummary("POST /cart", 198, 3L, 6.6033, 13.4512, 3.1234, 120.5511, 11.0, 22.0, 28.0, 57.0, 120.0));
        assertThat(r.total()).isEqualTo(new LabelSummary("total", 610, 3L, 20.3437, 7.7931, 1.6931, 120.5511, 5.0,
                14.0, 18.0, 39.0, 120.0));
    }

    @Test
    void readsLocustHistoryFromTheLastRowOfEachNameAndLeavesWindowPercentilesOut() {
        LoadTestResult r = Fixtures.read("locust-history/run_stats_history.csv");

        assertThat(r.format()).isEqualTo("locust-history");
        assertThat(r.startedAt()).isEqualTo(Instant.ofEpochSecond(1764165600));
        assertThat(r.endedAt()).isEqualTo(Instant.ofEpochSecond(1764165611));
        assertThat(r.labels()).containsExactly(
                new LabelSummary("GET /", 140, 0L, null, 5.0731, 1.6931, 39.2101, 4.0, null, null, null, null),
                new LabelSummary("POST /cart", 66, 1L, null, 13.4512, 3.1234, 120.5511, 11.0, null, null, null, null));
        assertThat(r.total()).isEqualTo(new LabelSummary("total", 206, 1L, null, 7.7597, 1.6931, 120.5511, 5.0,
                null, null, null, null));
    }

    @Test
    void readsGatlingStatsWithRequestsInsideGroups() {
        LoadTestResult r = Fixtures.read("gatling-stats/stats.json");

        assertThat(r.format()).isEqualTo("gatling-stats");
        assertThat(r.total()).isEqualTo(new LabelSummary("total", 120, 4L, 4.0, 88.0, 12.0, 410.0, 66.0, null, 240.0,
                380.0, null));
        assertThat(r.labels()).containsExactly(
                new LabelSummary("Home", 60, 0L, 2.0, 31.0, 12.0, 95.0, 28.0, null, 62.0, 90.0, null),
                new LabelSummary("Browse / Search", 60, 4L, 2.0, 145.0, 30.0, 410.0, 130.0, null, 300.0, 395.0, null));
    }

    @Test
    void readsGatlingGlobalStatsAsTheTotalAlone() {
        LoadTestResult r = Fixtures.read("gatling-stats/global_stats.json");

        assertThat(r.total()).isEqualTo(Fixtures.read("gatling-stats/stats.json").total());
        assertThat(r.labels()).isEmpty();
    }

    @Test
    void readsJMeterDashboardStatisticsAndSaysItsPercentilesAreWindowed() {
        LoadTestResult r = Fixtures.read("jmeter-statistics/statistics.json");

        assertThat(r.format()).isEqualTo("jmeter-statistics");
        LabelSummary products = new LabelSummary("GET /products", 189, 2L, 15.461387434554974, 41.64021164021164,
                18.0, 90.0, 39.0, 62.0, 68.0, 89.0, null);
        assertThat(r.labels()).containsExactly(products);
        assertThat(r.total()).isEqualTo(products.withLabel("total"));
        assertThat(r.notes()).anyMatch(n -> n.contains("last 20000 samples"));
    }

    @Test
    void aNamedFormatOverridesDetection() {
        assertThat(Fixtures.read("jmeter-csv/no-header.jtl", "jmeter-csv").labels()).hasSize(3);
        assertThat(List.of(LoadTestParsers.names().split(", "))).hasSize(10).contains("k6-json", "gatling-log");
    }
}
