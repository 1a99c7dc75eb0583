package io.shipwatch.loadtest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ComparisonTest {
    @TempDir
    Path temp;

    private static LabelSummary label(String name, long count, long errors, double mean, double p95) {
        return new LabelSummary(name, count, errors, 100.0, mean, 1.0, 900.0, mean, p95, p95, p95, p95);
    }

    private static LoadTestResult aggregated(String source, LabelSummary... labels) {
        return new LoadTestResult("locust-stats", source, false, null, null, labels[0].withLabel("total"),
                List.of(labels), Map.of(), List.of(), List.of());
    }

    @Test
    void issueExampleTenPercentPassesADoubleFails() {
        LoadTestResult v1 = aggregated("v1", label("api", 1000, 0, 200, 200));
        LoadTestResult v2ok = aggregated("v2", label("api", 1000, 0, 210, 210));
        LoadTestResult v2bad = aggregated("v2", label("api", 1000, 0, 400, 400));

        assertThat(Comparison.compare(v1, v2ok, CompareRules.defaults(), 0.95).result()).isEqualTo(Level.PASS);
        ComparisonReport bad = Comparison.compare(v1, v2bad, CompareRules.defaults(), 0.95);
        assertThat(bad.result()).isEqualTo(Level.FAIL);
        ComparisonReport.MetricVerdict mean = bad.labels().get(0).metrics().get(0);
        assertThat(mean.metric()).isEqualTo(Metric.MEAN);
        assertThat(mean.change()).isEqualTo(1.0);
        assertThat(mean.significant()).isNull(); // no raw samples: nothing to test
        assertThat(mean.reason()).isEqualTo("breaks mean +10% beyond 5ms (warn), mean +20% beyond 5ms (fail)");
    }

    @Test
    void smallAbsoluteChangesAreIgnoredAndWarnComesBeforeFail() {
        LoadTestResult base = aggregated("b", label("fast", 1000, 0, 4, 8), label("slow", 1000, 0, 100, 150));
        LoadTestResult cand = aggregated("c", label("fast", 1000, 0, 8, 12), label("slow", 1000, 0, 115, 160));

        ComparisonReport r = Comparison.compare(base, cand, CompareRules.defaults(), 0.95);

        assertThat(r.labels()).extracting(ComparisonReport.LabelVerdict::result).containsExactly(Level.PASS, Level.WARN);
        assertThat(r.result()).isEqualTo(Level.WARN);
    }

    @Test
    void errorRateRuleIsInPercentagePoints() {
        LoadTestResult base = aggregated("b", label("a", 1000, 5, 100, 100), label("b", 1000, 5, 100, 100));
        LoadTestResult cand = aggregated("c", label("a", 1000, 14, 100, 100), label("b", 1000, 16, 100, 100));

        ComparisonReport r = Comparison.compare(base, cand, CompareRules.defaults(), 0.95);

        assertThat(r.labels()).extracting(ComparisonReport.LabelVerdict::result).containsExactly(Level.PASS, Level.FAIL);
    }

    @Test
    void absoluteBoundsAndThroughputDecrease() {
        List<Rule> rules = CompareRules.parse("""
                - {metric: p95, max: 150ms}
                - {metric: throughput, maxDecrease: 10%, level: warn}
                """, "r.yaml");
        LoadTestResult base = aggregated("b", label("a", 1000, 0, 100, 100));
        LabelSummary slowAndFewer = new LabelSummary("a", 800, 0L, 80.0, 100.0, 1.0, 900.0, 100.0, 160.0, 160.0,
                160.0, 160.0);
        ComparisonReport r = Comparison.compare(base, aggregated("c", slowAndFewer), rules, 0.95);

        assertThat(r.labels().get(0).metrics()).extracting(ComparisonReport.MetricVerdict::result)
                .containsExactly(Level.FAIL, Level.WARN);
    }

    @Test
    void labelsOnOneSideOnlyAreNotedNotCompared() {
        LoadTestResult base = aggregated("b", label("gone", 10, 0, 1, 1), label("kept", 10, 0, 1, 1));
        LoadTestResult cand = aggregated("c", label("kept", 10, 0, 1, 1), label("new", 10, 0, 1, 1));

        ComparisonReport r = Comparison.compare(base, cand, CompareRules.defaults(), 0.95);

        assertThat(r.labels()).extracting(ComparisonReport.LabelVerdict::label).containsExactly("gone", "kept", "new");
        assertThat(r.labels()).extracting(ComparisonReport.LabelVerdict::result)
                .containsExactly(Level.WARN, Level.PASS, Level.PASS);
        assertThat(r.labels().get(0).note()).isEqualTo("in the baseline but not in the candidate: was it tested?");
    }

    @Test
    void metricMissingFromAReportIsSaidNotJudged() {
        LoadTestResult history = Fixtures.read("locust-history/run_stats_history.csv");

        ComparisonReport r = Comparison.compare(history, history, CompareRules.defaults(), 0.95);

        ComparisonReport.MetricVerdict p95 = r.labels().get(0).metrics().get(1);
        assertThat(p95.metric()).isEqualTo(Metric.P95);
        assertThat(p95.result()).isEqualTo(Level.PASS);
        assertThat(p95.reason()).isEqualTo("p95 is not in the baseline's results");
    }

    @Test
    void oneEndpoint25msSlowerFailsOnThatEndpointOnly() {
        LoadTestResult baseline = LoadTestParsers.read(JMeterRuns.write(temp.resolve("b.jtl"), 1, 3000, null, 0), "auto");
        LoadTestResult candidate = LoadTestParsers.read(
                JMeterRuns.write(temp.resolve("c.jtl"), 2, 3000, "POST /cart", 25), "auto");

        ComparisonReport r = Comparison.compare(baseline, candidate, CompareRules.defaults(), 0.95);

        assertThat(r.result()).isEqualTo(Level.FAIL);
        for (ComparisonReport.LabelVerdict l : r.labels()) {
            assertThat(l.result()).as(l.label()).isEqualTo(l.label().equals("POST /cart") ? Level.FAIL : Level.PASS);
        }
        ComparisonReport.MetricVerdict mean = r.label("POST /cart").metrics().get(0);
        assertThat(mean.significant()).isTrue();
        assertThat(mean.pValue()).isLessThan(1e-6);
    }

    @Test
    void twoRunsOfTheSameBuildPass() {
        for (long seed = 10; seed < 15; seed++) {
            LoadTestResult a = LoadTestParsers.read(JMeterRuns.write(temp.resolve("a.jtl"), seed, 3000, null, 0), "auto");
            LoadTestResult b = LoadTestParsers.read(JMeterRuns.write(temp.resolve("b.jtl"), seed + 100, 3000, null, 0),
                    "auto");

            ComparisonReport r = Comparison.compare(a, b, CompareRules.defaults(), 0.95);

            assertThat(r.result()).as("seed " + seed).isEqualTo(Level.PASS);
        }
    }

    @Test
    void aRiseThatIsNotSignificantDoesNotFail() {
        // 12 requests a side: +30 % on the mean, but far too few to tell from noise
        LoadTestResult base = LoadTestParsers.read(JMeterRuns.write(temp.resolve("b.jtl"), 7, 4, null, 0), "auto");
        LoadTestResult cand = LoadTestParsers.read(JMeterRuns.write(temp.resolve("c.jtl"), 8, 4, null, 0), "auto");
        List<Rule> rules = CompareRules.parse("- {metric: mean, maxIncrease: 1%}\n- {metric: p95, max: 10s}\n", "r");

        ComparisonReport r = Comparison.compare(base, cand, rules, 0.95);

        List<ComparisonReport.MetricVerdict> rises = r.labels().stream().flatMap(l -> l.metrics().stream())
                .filter(m -> m.metric() == Metric.MEAN && m.candidate() > m.baseline() * 1.01).toList();
        assertThat(rises).isNotEmpty().allSatisfy(m -> {
            assertThat(m.significant()).isFalse();
            assertThat(m.result()).isEqualTo(Level.PASS);
            assertThat(m.reason()).endsWith("but not significant");
        });
    }

    @Test
    void medianBaselineOfThreeRuns() {
        LoadTestResult r1 = aggregated("r1", label("a", 1000, 1, 100, 150));
        LoadTestResult r2 = aggregated("r2", label("a", 1000, 9, 300, 450));
        LoadTestResult r3 = aggregated("r3", label("a", 1200, 2, 110, 160));

        LoadTestResult median = MedianBaseline.of(List.of(r1, r2, r3));

        assertThat(median.label("a").orElseThrow()).isEqualTo(new LabelSummary("a", 1000, 2L, 100.0, 110.0, 1.0,
                900.0, 110.0, 160.0, 160.0, 160.0, 160.0));
        assertThat(median.source()).isEqualTo("median of 3 runs (r1 + r2 + r3)");
    }
}
