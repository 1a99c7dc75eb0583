package io.shipwatch.gate;

/**
 * The judge's verdict on one canary metric with its numbers: both groups' sample counts and means, the
 * Hodges–Lehmann shift estimate (canary − baseline) with its confidence interval, the p-value, the mean ratio
 * (effect size), whether too few points were seen, and why.
 */
public record MetricJudgement(String name, MetricOutcome outcome, boolean critical, boolean criticalFailure,
        boolean mustHaveData, String group, GroupStats canary, GroupStats baseline, Double estimate, Double lower,
        Double upper, Double pValue, Double effectSize, boolean lowSamples, String reason) {

    /** Whether this metric counts against the canary in scoring (high, low, or nodata when it must have data). */
    public boolean failed() {
        return outcome == MetricOutcome.HIGH || outcome == MetricOutcome.LOW
                || (outcome == MetricOutcome.NODATA && mustHaveData);
    }
}
