package io.shipwatch.gate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Keptn's lighthouse cases, judged and scored by the gate (values from Keptn's evaluate_sli_handler tests). */
class GateScoringTest {

    private static Objective objective(String name, double weight, boolean key, Criteria pass, Criteria warning,
            NoDataPolicy noData) {
        return new Objective(name, "q", Aggregate.AVG, pass, warning, weight, key, noData, "gate.yaml:1");
    }

    private static Criteria or(String[]... sets) {
        List<List<Criterion>> out = new ArrayList<>();
        for (String[] set : sets) {
            out.add(Arrays.stream(set).map(s -> Criterion.parse(s, "x")).toList());
        }
        return new Criteria(out);
    }

    private static String[] and(String... criteria) {
        return criteria;
    }

    private static ObjectiveResult judge(Objective o, Double value, Double baseline) {
        Measurement m = value == null ? Measurement.of(new double[0]) : Measurement.of(new double[] {value});
        Baseline b = baseline == null ? Baseline.none("no previous results") : new Baseline(baseline, "previous");
        return ObjectiveJudge.judge(o, m, b, "q", 1);
    }

    private static final Objective K01 = objective("my-test-metric-1", 1, false,
            or(and("<=15.0"), and("<=+10%")), or(and("<=20.0"), and("<=+15%")), NoDataPolicy.FAIL);

    @Test
    void passWhenOneOfTheOredSetsHolds() {
        ObjectiveResult r = judge(K01, 10.0, 10.0);
        assertThat(r.outcome()).isEqualTo(Outcome.PASS);
        assertThat(r.score()).isEqualTo(1);
        GateScore s = GateScore.of(List.of(r), 90, 75);
        assertThat(s.score()).isEqualTo(100.0);
        assertThat(s.result()).isEqualTo(GateResult.PASS);
    }

    @Test
    void warningScoresHalfAndFiftyIsAFail() {
        ObjectiveResult r = judge(K01, 16.0, 10.0);
        assertThat(r.outcome()).isEqualTo(Outcome.WARNING);
        assertThat(r.score()).isEqualTo(0.5);
        assertThat(r.reason()).contains("violates <=15.0, <=+10% (target 11)").contains("meets warning <=20.0 or <=+15%");
        GateScore s = GateScore.of(List.of(r), 90, 75);
        assertThat(s.score()).isEqualTo(50.0);
        assertThat(s.result()).isEqualTo(GateResult.FAIL);
    }

    @Test
    void relativeCriterionWithoutBaselineIsSkippedButAbsoluteOneStillFails() {
        Objective o = objective("response_time_p50", 1, false, or(and("<=+20%", "<500")), Criteria.NONE, NoDataPolicy.FAIL);
        ObjectiveResult r = judge(o, 1011.0745528937252, null);
        assertThat(r.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(r.reason()).contains("relative criteria skipped: no previous results").contains("violates <500");
        assertThat(GateScore.of(List.of(r), 90, 75).score()).isEqualTo(0.0);
    }

    @Test
    void onlyRelativeCriteriaWithoutBaselinePass() {
        Objective o = objective("response_time_p50", 1, false, or(and("<=+20%")), Criteria.NONE, NoDataPolicy.FAIL);
        assertThat(judge(o, 100.0, null).outcome()).isEqualTo(Outcome.PASS);
    }

    @Test
    void noDataIsItsOwnOutcomeScoredByPolicy() {
        ObjectiveResult fail = judge(K01, null, 10.0);
        assertThat(fail.outcome()).isEqualTo(Outcome.NODATA);
        assertThat(fail.scored()).isTrue();
        assertThat(fail.score()).isZero();
        assertThat(GateScore.of(List.of(fail), 90, 75).result()).isEqualTo(GateResult.FAIL);

        Objective warn = objective("a", 2, false, or(and("<1")), Criteria.NONE, NoDataPolicy.WARNING);
        assertThat(judge(warn, null, null).score()).isEqualTo(1.0);
        Objective pass = objective("a", 2, false, or(and("<1")), Criteria.NONE, NoDataPolicy.PASS);
        assertThat(judge(pass, null, null).score()).isEqualTo(2.0);
        Objective ignore = objective("a", 2, false, or(and("<1")), Criteria.NONE, NoDataPolicy.IGNORE);
        ObjectiveResult ignored = judge(ignore, null, null);
        assertThat(ignored.scored()).isFalse();
        ObjectiveResult other = judge(objective("b", 1, false, or(and("<1")), Criteria.NONE, NoDataPolicy.FAIL), 0.5, null);
        assertThat(GateScore.of(List.of(ignored, other), 90, 75).score()).isEqualTo(100.0);
    }

    @Test
    void providerErrorMakesTheGateAnErrorNeverAPass() {
        ObjectiveResult error = ObjectiveJudge.judge(K01, Measurement.failed("Prometheus at http://x: cannot connect"),
                Baseline.none("x"), "q", 1);
        ObjectiveResult passing = judge(objective("b", 1, false, or(and("<1")), Criteria.NONE, NoDataPolicy.FAIL), 0.5, null);
        assertThat(error.outcome()).isEqualTo(Outcome.ERROR);
        GateScore s = GateScore.of(List.of(error, passing), 90, 75);
        assertThat(s.result()).isEqualTo(GateResult.ERROR);
        assertThat(s.score()).isNull();
        assertThat(s.reason()).isEqualTo("could not measure 'my-test-metric-1': the query failed: "
                + "Prometheus at http://x: cannot connect");
    }

    @Test
    void informationalObjectivesAreNotScored() {
        ObjectiveResult rt = judge(objective("rt", 1, false, or(and("<=100")), Criteria.NONE, NoDataPolicy.FAIL), 80.0, null);
        ObjectiveResult info = judge(objective("throughput", 1, false, Criteria.NONE, Criteria.NONE, NoDataPolicy.FAIL),
                null, null);
        assertThat(info.outcome()).isEqualTo(Outcome.NODATA);
        assertThat(info.scored()).isFalse();
        ObjectiveResult infoWithValue = judge(objective("t", 1, false, Criteria.NONE, Criteria.NONE, NoDataPolicy.FAIL),
                120.0, null);
        assertThat(infoWithValue.outcome()).isEqualTo(Outcome.INFO);
        GateScore s = GateScore.of(List.of(rt, info, infoWithValue), 90, 75);
        assertThat(s.score()).isEqualTo(100.0);
        assertThat(s.result()).isEqualTo(GateResult.PASS);
    }

    @Test
    void onlyInformationalObjectivesPassWithHundred() {
        ObjectiveResult info = judge(objective("t", 1, false, Criteria.NONE, Criteria.NONE, NoDataPolicy.FAIL), 1.0, null);
        GateScore s = GateScore.of(List.of(info), 90, 75);
        assertThat(s.score()).isEqualTo(100.0);
        assertThat(s.result()).isEqualTo(GateResult.PASS);
    }

    @Test
    void weightsAndWarningGiveAWarningGate() {
        ObjectiveResult rt = judge(objective("rt_p95", 1, false, or(and("<=+10%", "<1000")), or(and("<=800")),
                NoDataPolicy.FAIL), 700.0, 600.0);
        ObjectiveResult errors = judge(objective("error_rate", 2, false, or(and("=0")), Criteria.NONE, NoDataPolicy.FAIL),
                0.0, 0.0);
        assertThat(rt.outcome()).isEqualTo(Outcome.WARNING);
        assertThat(errors.outcome()).isEqualTo(Outcome.PASS);
        GateScore s = GateScore.of(List.of(rt, errors), 90, 75);
        assertThat(s.score()).isCloseTo(83.33333333333333, within(1e-9));
        assertThat(s.result()).isEqualTo(GateResult.WARNING);
    }

    @Test
    void failingKeyObjectiveFailsTheGateWhateverTheScore() {
        List<ObjectiveResult> results = new ArrayList<>();
        for (String name : List.of("a", "b", "c", "d")) {
            results.add(judge(objective(name, 1, false, or(and("<10")), Criteria.NONE, NoDataPolicy.FAIL), 1.0, null));
        }
        results.add(judge(objective("k", 1, true, or(and("<10")), Criteria.NONE, NoDataPolicy.FAIL), 50.0, null));
        GateScore s = GateScore.of(results, 80, 60);
        assertThat(s.score()).isEqualTo(80.0);
        assertThat(s.result()).isEqualTo(GateResult.FAIL);
        assertThat(s.reason()).startsWith("key objective 'k' failed: ");
    }

    @Test
    void keyObjectiveWithoutDataUnderFailPolicyFailsTheGate() {
        ObjectiveResult k = judge(objective("k", 1, true, or(and("<10")), Criteria.NONE, NoDataPolicy.FAIL), null, null);
        ObjectiveResult a = judge(objective("a", 9, false, or(and("<10")), Criteria.NONE, NoDataPolicy.FAIL), 1.0, null);
        assertThat(GateScore.of(List.of(k, a), 80, 60).result()).isEqualTo(GateResult.FAIL);
    }

    @Test
    void keyObjectiveWarningDoesNotFailTheGate() {
        ObjectiveResult k = judge(objective("k", 1, true, or(and("<10")), or(and("<20")), NoDataPolicy.FAIL), 15.0, null);
        ObjectiveResult a = judge(objective("a", 1, false, or(and("<10")), Criteria.NONE, NoDataPolicy.FAIL), 1.0, null);
        GateScore s = GateScore.of(List.of(k, a), 90, 70);
        assertThat(s.score()).isEqualTo(75.0);
        assertThat(s.result()).isEqualTo(GateResult.WARNING);
    }

    @Test
    void scoreThresholdsAreInclusive() {
        ObjectiveResult pass = judge(objective("a", 1, false, or(and("<10")), Criteria.NONE, NoDataPolicy.FAIL), 1.0, null);
        ObjectiveResult warn = judge(objective("b", 1, false, or(and("<10")), or(and("<20")), NoDataPolicy.FAIL), 15.0, null);
        // 75.0 exactly: warning at warning: 75
        assertThat(GateScore.of(List.of(pass, warn), 90, 75).result()).isEqualTo(GateResult.WARNING);
        assertThat(GateScore.of(List.of(pass, warn), 75, 50).result()).isEqualTo(GateResult.PASS);
        assertThat(GateScore.of(List.of(pass, warn), 90, 75.1).result()).isEqualTo(GateResult.FAIL);
    }

    @Test
    void fewPointsAreFlagged() {
        Objective o = objective("a", 1, false, or(and("<10")), Criteria.NONE, NoDataPolicy.FAIL);
        ObjectiveResult r = ObjectiveJudge.judge(o, Measurement.of(new double[] {1, 2}), Baseline.none("x"), "q", 5);
        assertThat(r.lowSamples()).isTrue();
        assertThat(r.samples()).isEqualTo(2);
        assertThat(r.reason()).contains("only 2 points, fewer than 5");
        ObjectiveResult enough = ObjectiveJudge.judge(o, Measurement.of(new double[] {1, 2, 3, 4, 5}), Baseline.none("x"),
                "q", 5);
        assertThat(enough.lowSamples()).isFalse();
    }
}
