package io.shipwatch.stats;

import java.util.Arrays;

/**
 * The normal approximation of the rank-sum statistic with tie and continuity correction, and the confidence
 * interval ends R's wilcox.test finds with uniroot on its {@code wdiff} function. W(d), the candidate's U after
 * shifting it by −d, only changes at pairwise differences, so each root is found exactly as the difference where
 * the standardised statistic changes sign, by bisection over the implicit sorted differences.
 */
final class NormalApproximation {
    private final PairwiseDifferences diffs;
    private final Alternative alternative;
    private final double n;
    private final double m;
    private final double nm;
    private final double[] baselineValues;
    private final long[] baselineCounts;
    private final double[] candidateValues;
    private final long[] candidateCounts;
    private final double withinGroupTieSum;
    private final double pooledTieSum;

    NormalApproximation(double[] sortedBaseline, double[] sortedCandidate, PairwiseDifferences diffs, double pooledTieSum,
            Alternative alternative) {
        this.diffs = diffs;
        this.alternative = alternative;
        this.n = sortedBaseline.length;
        this.m = sortedCandidate.length;
        this.nm = n * m;
        this.pooledTieSum = pooledTieSum;
        baselineValues = distinct(sortedBaseline);
        baselineCounts = counts(sortedBaseline, baselineValues);
        candidateValues = distinct(sortedCandidate);
        candidateCounts = counts(sortedCandidate, candidateValues);
        withinGroupTieSum = tieSum(baselineCounts) + tieSum(candidateCounts);
    }

    /** The p-value of U for the alternative, as R's normal branch with correct = TRUE. */
    double pValue(double u) {
        double z = standardised(u - nm / 2, pooledTieSum);
        return switch (alternative) {
            case LESS -> MannWhitney.normalCdf(z);
            case GREATER -> MannWhitney.normalCdf(-z);
            case TWO_SIDED -> Math.min(1, 2 * Math.min(MannWhitney.normalCdf(z), MannWhitney.normalCdf(-z)));
        };
    }

    /** The shift d where the standardised statistic of (candidate − d) vs baseline crosses zq, as R's root(zq). */
    double root(double zq) {
        double lo = diffs.min();
        double hi = diffs.max();
        if (atPoint(lo) - zq <= 0) {
            return lo;
        }
        if (atPoint(hi) - zq >= 0) {
            return hi;
        }
        double crossing = PairwiseDifferences.smallestWhere(lo, hi, t -> justAbove(t) - zq < 0);
        if (crossing == lo) {
            return lo;
        }
        long below = diffs.countAtMost(Math.nextDown(crossing));
        double left = below == 0 ? lo : diffs.kth(below);
        // the statistic equals zq on the whole stretch (left, crossing): any point is a root; take its middle
        return justAbove(left) - zq == 0 ? (left + crossing) / 2 : crossing;
    }

    /** The standardised statistic at shift d exactly, where some candidate − d may tie with baseline values. */
    private double atPoint(double d) {
        long atMost = diffs.countAtMost(d);
        long below = diffs.countAtMost(Math.nextDown(d));
        double w = (diffs.size() - atMost) + 0.5 * (atMost - below);
        return standardised(w - nm / 2, tieSumAt(d));
    }

    /** The standardised statistic on the open stretch just above t, where only within-sample ties remain. */
    private double justAbove(double t) {
        double w = diffs.size() - diffs.countAtMost(t);
        return standardised(w - nm / 2, withinGroupTieSum);
    }

    private double standardised(double dz, double tieSum) {
        double correction = switch (alternative) {
            case TWO_SIDED -> Math.signum(dz) * 0.5;
            case GREATER -> 0.5;
            case LESS -> -0.5;
        };
        double sigma = Math.sqrt((nm / 12) * ((n + m + 1) - tieSum / ((n + m) * (n + m - 1))));
        return (dz - correction) / sigma;
    }

    private double tieSumAt(double d) {
        double sum = withinGroupTieSum;
        for (int j = 0; j < candidateValues.length; j++) {
            int i = baselineIndexAt(candidateValues[j], d);
            if (i >= 0) {
                long a = candidateCounts[j];
                long b = baselineCounts[i];
                sum += cube(a + b) - cube(a) - cube(b);
            }
        }
        return sum;
    }

    // the distinct baseline value w with v - w == d, or -1; v - w falls as w grows
    private int baselineIndexAt(double v, double d) {
        int lo = 0;
        int hi = baselineValues.length - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            double diff = v - baselineValues[mid];
            if (diff == d) {
                return mid;
            }
            if (diff > d) {
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return -1;
    }

    private static double cube(long t) {
        return (double) t * t * t - t;
    }

    private static double tieSum(long[] counts) {
        double sum = 0;
        for (long t : counts) {
            sum += cube(t);
        }
        return sum;
    }

    private static double[] distinct(double[] sorted) {
        return Arrays.stream(sorted).distinct().toArray();
    }

    private static long[] counts(double[] sorted, double[] distinct) {
        long[] counts = new long[distinct.length];
        int k = 0;
        for (double v : sorted) {
            while (distinct[k] != v) {
                k++;
            }
            counts[k]++;
        }
        return counts;
    }
}
