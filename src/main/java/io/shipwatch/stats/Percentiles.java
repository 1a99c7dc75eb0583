package io.shipwatch.stats;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Arrays;

/** Percentiles and medians of samples: pure functions, no state. */
public final class Percentiles {

    private Percentiles() {
    }

    /**
     * The nearest-rank percentile: the value at rank ceil(p·N) (1-based) of an ascending array, as Keptn and the
     * Prometheus summary docs define it. NaN for an empty array.
     *
     * @throws IllegalArgumentException when p is outside (0, 1]
     */
    public static double nearestRank(double[] sortedAscending, double p) {
        if (!(p > 0 && p <= 1)) {
            throw new IllegalArgumentException("percentile must be in (0, 1], got " + p);
        }
        int n = sortedAscending.length;
        if (n == 0) {
            return Double.NaN;
        }
        // decimal arithmetic: 0.07 * 100 must be rank 7, not ceil(7.000000000000001) = 8
        int rank = BigDecimal.valueOf(p).multiply(BigDecimal.valueOf(n)).setScale(0, RoundingMode.CEILING).intValueExact();
        return sortedAscending[Math.max(1, Math.min(n, rank)) - 1];
    }

    /** The ordinary median (the mean of the two middle values for an even count). NaN values are ignored; NaN when none is left. */
    public static double median(double[] values) {
        double[] sorted = Arrays.stream(values).filter(v -> !Double.isNaN(v)).sorted().toArray();
        return sortedMedian(sorted);
    }

    static double sortedMedian(double[] sorted) {
        int n = sorted.length;
        if (n == 0) {
            return Double.NaN;
        }
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
