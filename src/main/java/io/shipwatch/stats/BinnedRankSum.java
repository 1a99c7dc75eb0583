package io.shipwatch.stats;

/**
 * The Mann–Whitney U (Wilcoxon rank-sum) test on binned samples: two histograms over the same ascending bins, every
 * bin a group of ties. For latency histograms of millions of requests, where expanding the samples would cost memory
 * for nothing. Uses the normal approximation with tie and continuity correction, as SciPy's
 * {@code mannwhitneyu(candidate, baseline, method="asymptotic")} and R's {@code wilcox.test(correct = TRUE)}; with
 * the large samples it is meant for, that approximation is what both use too.
 */
public final class BinnedRankSum {
    private BinnedRankSum() {
    }

    /**
     * Tests the candidate against the baseline: {@code values} ascending and distinct, {@code baselineCounts} and
     * {@code candidateCounts} how many samples of each side fall in each bin. NaN U and p-value when a side is empty.
     */
    public static Result test(double[] values, long[] baselineCounts, long[] candidateCounts, Alternative alternative) {
        if (values.length != baselineCounts.length || values.length != candidateCounts.length) {
            throw new IllegalArgumentException("values and both counts must have the same length");
        }
        long n = 0;
        long m = 0;
        for (int i = 0; i < values.length; i++) {
            if (i > 0 && !(values[i] > values[i - 1])) {
                throw new IllegalArgumentException("values must be ascending and distinct, at index " + i);
            }
            if (baselineCounts[i] < 0 || candidateCounts[i] < 0) {
                throw new IllegalArgumentException("counts must not be negative, at index " + i);
            }
            n += baselineCounts[i];
            m += candidateCounts[i];
        }
        if (n == 0 || m == 0) {
            return new Result(Double.NaN, Double.NaN, n, m);
        }
        double candidateRankSum = 0;
        double tieSum = 0;
        long below = 0;
        for (int i = 0; i < values.length; i++) {
            long t = baselineCounts[i] + candidateCounts[i];
            double midRank = below + (t + 1) / 2.0;
            candidateRankSum += candidateCounts[i] * midRank;
            tieSum += (double) t * t * t - t;
            below += t;
        }
        double u = candidateRankSum - (double) m * (m + 1) / 2;
        return new Result(u, pValue(u, n, m, tieSum, alternative), n, m);
    }

    private static double pValue(double u, long n, long m, double tieSum, Alternative alternative) {
        double nm = (double) n * m;
        double total = (double) n + m;
        double sigma = Math.sqrt((nm / 12) * ((total + 1) - tieSum / (total * (total - 1))));
        double dz = u - nm / 2;
        if (sigma == 0) {
            return 1.0; // every value tied: no evidence of a difference either way
        }
        return switch (alternative) {
            case GREATER -> MannWhitney.normalCdf(-(dz - 0.5) / sigma);
            case LESS -> MannWhitney.normalCdf((dz + 0.5) / sigma);
            case TWO_SIDED -> Math.min(1, 2 * MannWhitney.normalCdf(-(Math.abs(dz) - 0.5) / sigma));
        };
    }

    /** The candidate's U, the p-value, and how many samples each side had. */
    public record Result(double u, double pValue, long baselineSize, long candidateSize) {
    }
}
