package io.shipwatch.gate;

import static org.assertj.core.api.Assertions.assertThat;

import io.shipwatch.gate.CanaryMetric.Direction;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Kayenta's Mann–Whitney classification: a table of seeded samples with known outcomes. */
class CanaryClassifierTest {

    private static double[] normal(long seed, int n, double mean, double sd) {
        Random r = new Random(seed);
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = mean + sd * r.nextGaussian();
        }
        return out;
    }

    private static CanaryMetric metric(Direction direction, double allowedIncrease, double allowedDecrease,
            boolean critical, boolean mustHaveData) {
        return new CanaryMetric("latency", "q", direction, allowedIncrease, allowedDecrease, critical, mustHaveData,
                "default", "c.yaml:4");
    }

    @ParameterizedTest(name = "canary mean {0}, direction {1}, allowed +{2}/-{3} -> {4}")
    @CsvSource({
            // canary mean | direction | allowedIncrease | allowedDecrease | expected
            "10,  EITHER,   1.0, 1.0, PASS",
            "13,  EITHER,   1.0, 1.0, HIGH",
            "13,  INCREASE, 1.0, 1.0, HIGH",
            "13,  DECREASE, 1.0, 1.0, PASS",
            "7,   EITHER,   1.0, 1.0, LOW",
            "7,   INCREASE, 1.0, 1.0, PASS",
            "7,   DECREASE, 1.0, 1.0, LOW",
            "13,  INCREASE, 1.5, 1.0, PASS",   // +30 % is within the allowed mean ratio 1.5
            "13,  INCREASE, 1.2, 1.0, HIGH",
            "7,   DECREASE, 1.0, 0.5, PASS",   // -30 % is within the allowed ratio 0.5
            "10.3, EITHER,  1.0, 1.0, PASS"})  // +3 % with noise sd 1: the interval covers 0
    void classifiesAsKayenta(double canaryMean, Direction direction, double allowedIncrease, double allowedDecrease,
            MetricOutcome expected) {
        MetricJudgement j = CanaryClassifier.classify(metric(direction, allowedIncrease, allowedDecrease, false, false),
                normal(1, 60, 10, 1), normal(2, 60, canaryMean, 1), 0.98, 0.25, 10);
        assertThat(j.outcome()).as(j.reason()).isEqualTo(expected);
        assertThat(j.canary().samples()).isEqualTo(60);
        assertThat(j.estimate()).isBetween(canaryMean - 10 - 0.6, canaryMean - 10 + 0.6);
        assertThat(j.lower()).isLessThan(j.estimate());
        assertThat(j.upper()).isGreaterThan(j.estimate());
        assertThat(j.effectSize()).isBetween((canaryMean - 0.6) / 10, (canaryMean + 0.6) / 10);
    }

    @Test
    void identicalSamplesPass() {
        double[] same = normal(3, 20, 5, 1);
        MetricJudgement j = CanaryClassifier.classify(metric(Direction.EITHER, 1, 1, true, false), same, same.clone(),
                0.98, 0.25, 10);
        assertThat(j.outcome()).isEqualTo(MetricOutcome.PASS);
        assertThat(j.reason()).isEqualTo("the canary's points equal the baseline's");
    }

    @Test
    void allZeroErrorRatesPass() {
        MetricJudgement j = CanaryClassifier.classify(metric(Direction.INCREASE, 1, 1, true, false), new double[20],
                new double[25], 0.98, 0.25, 10);
        assertThat(j.outcome()).isEqualTo(MetricOutcome.PASS);
        assertThat(j.effectSize()).isNull();
    }

    @Test
    void errorsAppearingFromZeroAreHighWithoutAMeanRatio() {
        double[] canary = new double[30];
        for (int i = 0; i < 30; i++) {
            canary[i] = 0.05 + 0.001 * (i % 3);
        }
        MetricJudgement j = CanaryClassifier.classify(metric(Direction.INCREASE, 1.1, 1, true, false), new double[30],
                canary, 0.98, 0.25, 10);
        assertThat(j.outcome()).isEqualTo(MetricOutcome.HIGH);
        assertThat(j.criticalFailure()).isTrue();
        assertThat(j.effectSize()).isNull();
    }

    @Test
    void noDataIsItsOwnOutcome() {
        MetricJudgement free = CanaryClassifier.classify(metric(Direction.EITHER, 1, 1, false, false),
                normal(1, 10, 1, 1), new double[] {Double.NaN, Double.NaN}, 0.98, 0.25, 10);
        assertThat(free.outcome()).isEqualTo(MetricOutcome.NODATA);
        assertThat(free.failed()).isFalse();
        assertThat(free.canary().dropped()).isEqualTo(2);
        assertThat(free.reason()).isEqualTo("no data for the canary; left out of the score");
        MetricJudgement must = CanaryClassifier.classify(metric(Direction.EITHER, 1, 1, true, true), new double[0],
                new double[0], 0.98, 0.25, 10);
        assertThat(must.failed()).isTrue();
        assertThat(must.criticalFailure()).isTrue();
        assertThat(must.reason()).isEqualTo("no data for both groups; mustHaveData counts it as a failure");
    }

    @Test
    void fewPointsAreFlagged() {
        MetricJudgement j = CanaryClassifier.classify(metric(Direction.EITHER, 1, 1, false, false), normal(1, 8, 10, 1),
                normal(2, 8, 10, 1), 0.98, 0.25, 10);
        assertThat(j.lowSamples()).isTrue();
        assertThat(j.reason()).endsWith("only 8 points in a group, fewer than 10: not enough to decide");
    }
}
