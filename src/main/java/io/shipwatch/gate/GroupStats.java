package io.shipwatch.gate;

import java.util.Arrays;

/**
 * One group's points for a metric: how many were used, how many NaN were dropped, their mean, and the points used
 * (in time order; empty when not kept), which the stored analysis charts.
 */
public record GroupStats(int samples, int dropped, double mean, double[] values) {

    public GroupStats(int samples, int dropped, double mean) {
        this(samples, dropped, mean, new double[0]);
    }

    static GroupStats of(double[] values, int dropped) {
        return new GroupStats(values.length, dropped, Arrays.stream(values).average().orElse(Double.NaN), values.clone());
    }
}
