package io.shipwatch.dora;

import java.util.Arrays;

/** The two summaries DORA reports: the ordinary median and the nearest-rank percentile. */
final class Percentiles {
    private Percentiles() {
    }

    /** The median: the middle value, or the mean of the two middle values; null for no values. */
    static Double median(double[] values) {
        if (values.length == 0) {
            return null;
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    /** The nearest-rank percentile: the smallest value with at least p % of the values at or below it. */
    static Double nearestRank(double[] values, int p) {
        if (values.length == 0) {
            return null;
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        // ceil(p * n / 100) in whole numbers: 0.9 * 10 in doubles is 9.000000000000002, whose ceiling is 10
        int rank = (int) ((p * (long) sorted.length + 99) / 100);
        return sorted[Math.max(rank, 1) - 1];
    }
}
