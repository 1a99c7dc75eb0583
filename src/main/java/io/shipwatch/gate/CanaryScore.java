package io.shipwatch.gate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Kayenta's weighted group score and Shipwatch's decision from the metric judgements. Group score = 100 × pass /
 * (pass + high + low + nodata that must have data); nodata and error metrics are left out, and a group with nothing
 * to count scores 100. Groups share the weights not given. The decision, in order: a failed critical metric rolls
 * back; a metric that could not be measured makes it inconclusive; so does no data for half the metrics or more;
 * otherwise the score against pass/marginal. Before all of these, a metric with fewer points than minSamples in a
 * group makes the judgement inconclusive: too few points decide nothing, either way. Pure.
 */
record CanaryScore(Decision decision, double score, String reason, boolean tooFewPoints) {

    CanaryScore(Decision decision, double score, String reason) {
        this(decision, score, reason, false);
    }

    static CanaryScore of(List<MetricJudgement> metrics, Map<String, Double> groupWeights, double pass, double marginal) {
        double score = weightedScore(metrics, groupWeights);
        List<String> low = metrics.stream().filter(m -> m.lowSamples() && m.outcome() != MetricOutcome.NODATA
                && m.outcome() != MetricOutcome.ERROR).map(MetricJudgement::name).toList();
        if (!low.isEmpty()) {
            // a handful of points cannot carry the confidence asked for, either way (R: "conf.level not achievable")
            return new CanaryScore(Decision.INCONCLUSIVE, score, "too few points for '" + String.join("', '", low)
                    + "' to decide yet", true);
        }
        for (MetricJudgement m : metrics) {
            if (m.criticalFailure()) {
                return new CanaryScore(Decision.ROLLBACK, 0, "critical metric '" + m.name() + "' failed: " + m.reason());
            }
        }
        List<String> errors = metrics.stream().filter(m -> m.outcome() == MetricOutcome.ERROR).map(MetricJudgement::name)
                .toList();
        if (!errors.isEmpty()) {
            MetricJudgement first = metrics.stream().filter(m -> m.outcome() == MetricOutcome.ERROR).findFirst().get();
            return new CanaryScore(Decision.INCONCLUSIVE, score, "could not measure '" + String.join("', '", errors)
                    + "': " + first.reason());
        }
        long nodata = metrics.stream().filter(m -> m.outcome() == MetricOutcome.NODATA && !m.mustHaveData()).count();
        if (nodata * 2 >= metrics.size()) {
            // as Kayenta, half the metrics without data is no judgement at all (its score would be overridden to 0)
            return new CanaryScore(Decision.INCONCLUSIVE, 0, nodata + " of " + metrics.size() + " metrics have no data");
        }
        String scoreText = "score " + Numbers.format(score);
        if (score >= pass) {
            return new CanaryScore(Decision.PROMOTE, score, scoreText + " >= pass " + Numbers.format(pass));
        }
        List<String> failed = metrics.stream().filter(MetricJudgement::failed)
                .map(m -> m.name() + " " + m.outcome().wireName()).toList();
        String which = failed.isEmpty() ? "" : " (" + String.join(", ", failed) + ")";
        if (score >= marginal) {
            return new CanaryScore(Decision.INCONCLUSIVE, score, scoreText + " is marginal: below pass "
                    + Numbers.format(pass) + ", at or above " + Numbers.format(marginal) + which);
        }
        return new CanaryScore(Decision.ROLLBACK, score, scoreText + " < marginal " + Numbers.format(marginal) + which);
    }

    static double weightedScore(List<MetricJudgement> metrics, Map<String, Double> groupWeights) {
        Map<String, List<MetricJudgement>> groups = new LinkedHashMap<>();
        metrics.forEach(m -> groups.computeIfAbsent(m.group(), g -> new ArrayList<>()).add(m));
        double given = groups.keySet().stream().filter(groupWeights::containsKey).mapToDouble(groupWeights::get).sum();
        long unweighted = groups.keySet().stream().filter(g -> !groupWeights.containsKey(g)).count();
        double share = unweighted == 0 ? 0 : Math.max(0, 100 - given) / unweighted;
        double total = 0;
        for (Map.Entry<String, List<MetricJudgement>> g : groups.entrySet()) {
            long passed = g.getValue().stream().filter(m -> m.outcome() == MetricOutcome.PASS).count();
            long counted = passed + g.getValue().stream().filter(MetricJudgement::failed).count();
            double groupScore = counted == 0 ? 100 : 100.0 * passed / counted;
            total += groupScore * groupWeights.getOrDefault(g.getKey(), share) / 100;
        }
        return Math.round(total * 100) / 100.0;
    }
}
