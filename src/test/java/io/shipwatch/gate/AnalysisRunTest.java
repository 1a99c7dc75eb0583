package io.shipwatch.gate;

import static org.assertj.core.api.Assertions.assertThat;

import io.shipwatch.gate.AnalysisRun.Measured;
import io.shipwatch.gate.AnalysisRun.Phase;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Argo Rollouts' counter semantics: sequences of measurements with the phase they end in and when. */
class AnalysisRunTest {

    @ParameterizedTest(name = "{0}: {6} -> {7} after {8}")
    @CsvSource(delimiter = '|', value = {
            // case | count | failureLimit | inconclusiveLimit | consecutiveErrorLimit | (unused) | sequence | phase | stops after
            "fails on the first failure            | 5 | 0 | 0 | 4 | - | S S F       | FAILED       | 3",
            "failures within the limit             | 5 | 2 | 0 | 4 | - | S F S F S   | SUCCESSFUL   | 5",
            "failures beyond the limit             | 5 | 2 | 0 | 4 | - | F F F       | FAILED       | 3",
            "errors do not consume count           | 3 | 0 | 0 | 4 | - | E E E E S S S | SUCCESSFUL | 7",
            "five errors in a row exceed limit 4   | 3 | 0 | 0 | 4 | - | E E E E E   | ERROR        | 5",
            "error limit 0 ends on the first error | 3 | 0 | 0 | 0 | - | E           | ERROR        | 1",
            "one inconclusive over limit 0         | 1 | 0 | 0 | 4 | - | I           | INCONCLUSIVE | 1",
            "inconclusive within its limit         | 3 | 0 | 1 | 4 | - | I S S       | SUCCESSFUL   | 3",
            "a failure resets consecutive errors   | 4 | 1 | 0 | 1 | - | E F E S F   | FAILED       | 5",
            "success resets consecutive errors     | 3 | 0 | 0 | 2 | - | E E S E E S E E S | SUCCESSFUL | 9",
            "still running before count            | 5 | 0 | 0 | 4 | - | S S         | RUNNING      | 2"})
    void phaseAfterSequence(String name, int count, int failureLimit, int inconclusiveLimit, int errorLimit,
            String unused, String sequence, Phase expected, int stopsAfter) {
        AnalysisRun run = AnalysisRun.start(new AnalysisLimits(Duration.ofMinutes(1), count, failureLimit,
                inconclusiveLimit, errorLimit, 0));
        int taken = 0;
        for (String s : sequence.trim().split("\\s+")) {
            run = run.record(switch (s) {
                case "S" -> Measured.SUCCESSFUL;
                case "F" -> Measured.FAILED;
                case "I" -> Measured.INCONCLUSIVE;
                default -> Measured.ERROR;
            });
            taken++;
            if (run.phase() != Phase.RUNNING) {
                break;
            }
        }
        assertThat(run.phase()).as(run.summary()).isEqualTo(expected);
        assertThat(taken).isEqualTo(stopsAfter);
    }

    private static CanaryJudgement judgement(Decision decision, MetricOutcome outcome, boolean tooFewPoints) {
        GroupStats g = new GroupStats(10, 0, 1.0);
        MetricJudgement m = new MetricJudgement("m", outcome, false, false, false, "default", g, g, null, null, null,
                null, null, tooFewPoints, "r");
        java.time.Instant t = java.time.Instant.parse("2026-11-26T14:00:00Z");
        return new CanaryJudgement("c", decision, 0, "r", new io.shipwatch.core.TimeWindow(t, t), java.util.List.of(m),
                tooFewPoints);
    }

    @org.junit.jupiter.api.Test
    void judgementsCountAsArgoMeasurements() {
        assertThat(AnalysisRun.measured(judgement(Decision.PROMOTE, MetricOutcome.PASS, false))).isEqualTo(Measured.SUCCESSFUL);
        assertThat(AnalysisRun.measured(judgement(Decision.ROLLBACK, MetricOutcome.HIGH, false))).isEqualTo(Measured.FAILED);
        assertThat(AnalysisRun.measured(judgement(Decision.INCONCLUSIVE, MetricOutcome.HIGH, false)))
                .isEqualTo(Measured.INCONCLUSIVE);
        // a metric that could not be measured, or too few points yet: an error that does not consume count
        assertThat(AnalysisRun.measured(judgement(Decision.INCONCLUSIVE, MetricOutcome.ERROR, false)))
                .isEqualTo(Measured.ERROR);
        assertThat(AnalysisRun.measured(judgement(Decision.INCONCLUSIVE, MetricOutcome.PASS, true)))
                .isEqualTo(Measured.ERROR);
    }
}
