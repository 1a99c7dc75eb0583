package io.shipwatch.gate;

import java.util.List;

/**
 * Keptn's total score and result: 100 × Σ earned / Σ weights of scored objectives (100 when none is scored); a key
 * objective that fails (or has no data under noData: fail) fails the gate whatever the score; any objective that
 * could not be measured makes the gate {@code error}, never a pass. Pure.
 */
record GateScore(GateResult result, Double score, String reason) {

    static GateScore of(List<ObjectiveResult> results, double passScore, double warningScore) {
        List<ObjectiveResult> errors = results.stream().filter(r -> r.outcome() == Outcome.ERROR).toList();
        double max = results.stream().filter(ObjectiveResult::scored).mapToDouble(ObjectiveResult::weight).sum();
        double earned = results.stream().filter(ObjectiveResult::scored).mapToDouble(ObjectiveResult::score).sum();
        Double score = max == 0 ? 100.0 : 100 * earned / max;
        if (!errors.isEmpty()) {
            return new GateScore(GateResult.ERROR, null, "could not measure "
                    + String.join(", ", errors.stream().map(r -> "'" + r.name() + "'").toList()) + ": "
                    + errors.get(0).reason());
        }
        for (ObjectiveResult r : results) {
            boolean keyFailed = r.key() && r.scored() && (r.outcome() == Outcome.FAIL
                    || (r.outcome() == Outcome.NODATA && r.score() == 0));
            if (keyFailed) {
                return new GateScore(GateResult.FAIL, score, "key objective '" + r.name() + "' failed: " + r.reason());
            }
        }
        String scoreText = Numbers.format(score);
        if (score >= passScore) {
            return new GateScore(GateResult.PASS, score, "score " + scoreText + " >= pass " + Numbers.format(passScore));
        }
        if (score >= warningScore) {
            return new GateScore(GateResult.WARNING, score, "score " + scoreText + " < pass " + Numbers.format(passScore)
                    + ", >= warning " + Numbers.format(warningScore));
        }
        return new GateScore(GateResult.FAIL, score, "score " + scoreText + " < warning " + Numbers.format(warningScore));
    }
}
