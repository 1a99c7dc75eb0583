package io.shipwatch.gate;

/**
 * One metric of a canary analysis: the query run for both groups, which direction of change is bad, the tolerated
 * mean ratio (effect size), and whether it is critical (a failure rolls back whatever the score) or must have data.
 */
public record CanaryMetric(String name, String query, Direction direction, double allowedIncrease,
        double allowedDecrease, boolean critical, boolean mustHaveData, String group, String where) {

    /** Which change of the canary against the baseline is bad, as Kayenta's canary.direction. */
    public enum Direction { INCREASE, DECREASE, EITHER }
}
