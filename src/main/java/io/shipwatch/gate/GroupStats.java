package io.shipwatch.gate;

import java.util.Arrays;

/** One group's points for a metric: how many were used, how many NaN were dropped, and their mean. */
public record GroupStats(int samples, int dropped, double mean) {

    static GroupStats of(double[] values, int dropped) {
        return new GroupStats(values.length, dropped, Arrays.stream(values).average().orElse(Double.NaN));
    }
}
