package io.shipwatch.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class StepTrendsTest {
    private static final long MS = 1_000_000L;

    /** Runs of a pipeline with one step "test" lasting the given milliseconds; negative means failed. */
    private static List<RunSteps> runs(double... millis) {
        List<RunSteps> runs = new ArrayList<>();
        for (int i = 0; i < millis.length; i++) {
            long start = i * 3_600_000L * MS;
            String trace = String.format("%032x", i + 1);
            long d = (long) (Math.abs(millis[i]) * MS);
            runs.add(new RunSteps(trace, "#" + (i + 1), start, List.of(
                    new PipelineSpan(trace, "r", null, "run", start, start + d + 10 * MS, SpanStatus.OK, null, null, null),
                    new PipelineSpan(trace, "s", "r", "test", start, start + d,
                            millis[i] < 0 ? SpanStatus.ERROR : SpanStatus.OK, null, null, null))));
        }
        return runs;
    }

    private static double[] noisy(Random random, int n, double mean, double spread) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = mean + spread * (random.nextDouble() - 0.5);
        }
        return v;
    }

    private static double[] concat(double[] a, double[] b) {
        double[] r = new double[a.length + b.length];
        System.arraycopy(a, 0, r, 0, a.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }

    @Test
    void flagsAStepThatGotSlowerAndNamesTheRunItStartedIn() {
        Random random = new Random(42);
        double[] history = concat(noisy(random, 12, 60_000, 4_000), noisy(random, 8, 90_000, 4_000));

        StepTrend trend = StepTrends.of(runs(history)).get(0);

        assertThat(trend.name()).isEqualTo("test");
        assertThat(trend.slowerSince()).isEqualTo("#13");
        assertThat(trend.slowdownMillis()).isBetween(25_000.0, 35_000.0);
        assertThat(trend.pValue()).isLessThan(StepTrends.ALPHA);
    }

    @Test
    void noiseAloneRaisesNoFlag() {
        Random random = new Random(7);

        StepTrend trend = StepTrends.of(runs(noisy(random, 30, 60_000, 20_000))).get(0);

        assertThat(trend.slowerSince()).isNull();
        assertThat(trend.slowdownMillis()).isNull();
    }

    @Test
    void aSignificantButTinyShiftRaisesNoFlag() {
        double[] history = {1000, 1001, 1000, 1001, 1000, 1001, 1010, 1011, 1010, 1011, 1010, 1011};

        assertThat(StepTrends.of(runs(history)).get(0).slowerSince()).isNull();
    }

    @Test
    void tooFewRunsToTellRaiseNoFlag() {
        assertThat(StepTrends.of(runs(10, 10, 10, 10, 90, 90, 90, 90)).get(0).slowerSince()).isNull();
    }

    @Test
    void percentilesAndFailureRateByNearestRank() {
        StepTrend trend = StepTrends.of(runs(100, 200, -300, 400, -500, 600, 700, 800, 900, 1000)).get(0);

        assertThat(trend.runs()).isEqualTo(10);
        assertThat(trend.p50Millis()).isEqualTo(500);
        assertThat(trend.p95Millis()).isEqualTo(1000);
        assertThat(trend.failureRate()).isEqualTo(0.2);
        assertThat(trend.durations()).extracting(StepTrend.Point::label).startsWith("#1", "#2");
    }

    @Test
    void rootSpansAreNotSteps() {
        assertThat(StepTrends.of(runs(5, 6))).extracting(StepTrend::name).containsExactly("test");
    }

    @Test
    void noRunsNoTrends() {
        assertThat(StepTrends.of(List.of())).isEmpty();
    }
}
