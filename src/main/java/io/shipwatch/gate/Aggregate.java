package io.shipwatch.gate;

import io.shipwatch.stats.Percentiles;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** How a window's points become one value: {@code avg|min|max|p50|p90|p95|p99|last}; percentiles by nearest rank. */
public enum Aggregate {
    AVG, MIN, MAX, P50, P90, P95, P99, LAST;

    /** The aggregate of values in time order; NaN values are ignored; NaN when none is left. */
    public double apply(double[] valuesInTimeOrder) {
        double[] values = Arrays.stream(valuesInTimeOrder).filter(v -> !Double.isNaN(v)).toArray();
        if (values.length == 0) {
            return Double.NaN;
        }
        return switch (this) {
            case AVG -> Arrays.stream(values).average().orElse(Double.NaN);
            case MIN -> Arrays.stream(values).min().orElse(Double.NaN);
            case MAX -> Arrays.stream(values).max().orElse(Double.NaN);
            case LAST -> values[values.length - 1];
            case P50 -> percentile(values, 0.50);
            case P90 -> percentile(values, 0.90);
            case P95 -> percentile(values, 0.95);
            case P99 -> percentile(values, 0.99);
        };
    }

    private static double percentile(double[] values, double p) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return Percentiles.nearestRank(sorted, p);
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Aggregate parse(SpecNode node) {
        String text = node.text().trim().toLowerCase(Locale.ROOT);
        for (Aggregate a : values()) {
            if (a.wireName().equals(text)) {
                return a;
            }
        }
        throw node.problem("unknown aggregate '" + node.text() + "'", "use one of "
                + Arrays.stream(values()).map(Aggregate::wireName).collect(Collectors.joining(", ")));
    }
}
