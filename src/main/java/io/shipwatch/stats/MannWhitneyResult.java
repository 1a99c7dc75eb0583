package io.shipwatch.stats;

/**
 * The outcome of {@link MannWhitney#test}: the candidate's U statistic, the p-value, the Hodges–Lehmann shift
 * estimate (candidate minus baseline) with its confidence interval at {@code confidence}, the sample sizes used
 * (after dropping NaN), how many NaN were dropped from each, and whether the p-value and interval are exact.
 * Every number is NaN when either sample is empty.
 */
public record MannWhitneyResult(double u, double pValue, double estimate, double lower, double upper, double confidence,
        int baselineSize, int candidateSize, int baselineDropped, int candidateDropped, boolean exact) {

    /** A result with no dropped values, computed by the normal approximation. */
    public MannWhitneyResult(double u, double pValue, double estimate, double lower, double upper, double confidence,
            int baselineSize, int candidateSize) {
        this(u, pValue, estimate, lower, upper, confidence, baselineSize, candidateSize, 0, 0, false);
    }
}
