package io.shipwatch.gate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Kayenta's weighted group scoring and the decision rules, as a table of metric outcomes with known answers. */
class CanaryScoreTest {
    private static final GroupStats SOME = new GroupStats(20, 0, 1.0);

    private static MetricJudgement m(String name, String group, MetricOutcome outcome) {
        return new MetricJudgement(name, outcome, false, false, false, group, SOME, SOME, 0.0, 0.0, 0.0, 1.0, 1.0, false,
                outcome.wireName());
    }

    private static List<MetricJudgement> list(MetricJudgement... ms) {
        return new ArrayList<>(List.of(ms));
    }

    @Test
    void groupsShareUngivenWeightEqually() {
        List<MetricJudgement> ms = list(m("a1", "a", MetricOutcome.PASS), m("a2", "a", MetricOutcome.PASS),
                m("a3", "a", MetricOutcome.HIGH), m("b1", "b", MetricOutcome.PASS));
        // a: 2 of 3 = 66.67, b: 100; 50/50
        assertThat(CanaryScore.weightedScore(ms, Map.of())).isEqualTo(83.33);
        // a at 70 %, b takes the remaining 30 %
        assertThat(CanaryScore.weightedScore(ms, Map.of("a", 70.0))).isEqualTo(76.67);
    }

    @Test
    void noDataAndErrorsAreLeftOutOfTheGroupScore() {
        List<MetricJudgement> ms = list(m("a", "g", MetricOutcome.PASS), m("b", "g", MetricOutcome.NODATA),
                m("c", "g", MetricOutcome.ERROR), m("d", "g", MetricOutcome.LOW));
        assertThat(CanaryScore.weightedScore(ms, Map.of())).isEqualTo(50.0);
        // a group with nothing to count scores 100
        assertThat(CanaryScore.weightedScore(list(m("x", "g", MetricOutcome.NODATA), m("y", "h", MetricOutcome.HIGH)),
                Map.of())).isEqualTo(50.0);
    }

    @Test
    void decisionsByScore() {
        List<MetricJudgement> all = new ArrayList<>();
        for (int i = 0; i < 19; i++) {
            all.add(m("p" + i, "default", MetricOutcome.PASS));
        }
        all.add(m("h", "default", MetricOutcome.HIGH));
        CanaryScore s = CanaryScore.of(all, Map.of(), 95, 75);
        assertThat(s.score()).isEqualTo(95.0);
        assertThat(s.decision()).isEqualTo(Decision.PROMOTE);
        assertThat(CanaryScore.of(all, Map.of(), 96, 75).decision()).isEqualTo(Decision.INCONCLUSIVE);
        assertThat(CanaryScore.of(all, Map.of(), 96, 75).reason()).isEqualTo("score 95 is marginal: below pass 96, at or "
                + "above 75 (h high)");
        assertThat(CanaryScore.of(all, Map.of(), 97, 96).decision()).isEqualTo(Decision.ROLLBACK);
    }

    @Test
    void failedCriticalMetricRollsBackWhateverTheScore() {
        MetricJudgement critical = new MetricJudgement("errors", MetricOutcome.HIGH, true, true, false, "default", SOME,
                SOME, 0.1, 0.05, 0.2, 0.001, 3.0, false, "canary higher");
        List<MetricJudgement> ms = list(critical);
        for (int i = 0; i < 30; i++) {
            ms.add(m("p" + i, "default", MetricOutcome.PASS));
        }
        CanaryScore s = CanaryScore.of(ms, Map.of(), 95, 75);
        assertThat(s.decision()).isEqualTo(Decision.ROLLBACK);
        assertThat(s.score()).isZero();
        assertThat(s.reason()).isEqualTo("critical metric 'errors' failed: canary higher");
    }

    @Test
    void errorIsInconclusiveNeverAPromote() {
        CanaryScore s = CanaryScore.of(list(m("a", "g", MetricOutcome.PASS), m("b", "g", MetricOutcome.PASS),
                m("c", "g", MetricOutcome.ERROR)), Map.of(), 95, 75);
        assertThat(s.decision()).isEqualTo(Decision.INCONCLUSIVE);
        assertThat(s.reason()).isEqualTo("could not measure 'c': error");
    }

    @Test
    void halfTheMetricsWithoutDataIsInconclusive() {
        CanaryScore s = CanaryScore.of(list(m("a", "g", MetricOutcome.PASS), m("b", "g", MetricOutcome.NODATA)),
                Map.of(), 95, 75);
        assertThat(s.decision()).isEqualTo(Decision.INCONCLUSIVE);
        assertThat(s.reason()).isEqualTo("1 of 2 metrics have no data");
    }

    @Test
    void mustHaveDataWithoutDataCountsAsAFailure() {
        MetricJudgement must = new MetricJudgement("b", MetricOutcome.NODATA, false, false, true, "g", SOME, SOME, null,
                null, null, null, null, true, "no data");
        CanaryScore s = CanaryScore.of(list(m("a", "g", MetricOutcome.PASS), must), Map.of(), 95, 75);
        assertThat(s.score()).isEqualTo(50.0);
        assertThat(s.decision()).isEqualTo(Decision.ROLLBACK);
    }

    @Test
    void tooFewPointsDecideNothing() {
        MetricJudgement few = new MetricJudgement("a", MetricOutcome.PASS, false, false, false, "g", SOME, SOME, 0.0,
                -1.0, 1.0, 0.5, 1.0, true, "pass");
        CanaryScore s = CanaryScore.of(list(few), Map.of(), 95, 75);
        assertThat(s.decision()).isEqualTo(Decision.INCONCLUSIVE);
        assertThat(s.reason()).isEqualTo("too few points for 'a' to decide yet");
        MetricJudgement fewHigh = new MetricJudgement("b", MetricOutcome.HIGH, true, true, false, "g", SOME, SOME, 1.0,
                0.5, 2.0, 0.3, 2.0, true, "high");
        assertThat(CanaryScore.of(list(fewHigh), Map.of(), 95, 75).decision()).isEqualTo(Decision.INCONCLUSIVE);
        assertThat(s.tooFewPoints()).isTrue();
        assertThat(CanaryScore.of(list(m("b", "g", MetricOutcome.PASS)), Map.of(), 95, 75).tooFewPoints()).isFalse();
    }
}
