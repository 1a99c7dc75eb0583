package io.shipwatch.providers;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * How a graph is downsampled when its step is longer than the data's resolution: the point at {@code t} aggregates
 * every value in {@code (t - step, t]} instead of sampling the one value at {@code t}, so a short spike is never
 * skipped at a long range (Grafana's and Datadog's max rollups). {@link #LAST} keeps the point sample.
 */
public enum Rollup {
    AVG("avg_over_time", "avg"),
    MAX("max_over_time", "max"),
    MIN("min_over_time", "min"),
    SUM("sum_over_time", "sum"),
    LAST("last_over_time", null);

    private final String promqlFunction;
    private final String datadogMethod;

    Rollup(String promqlFunction, String datadogMethod) {
        this.promqlFunction = promqlFunction;
        this.datadogMethod = datadogMethod;
    }

    /** The PromQL {@code <aggregation>_over_time} function. */
    public String promqlFunction() {
        return promqlFunction;
    }

    /** The method of Datadog's {@code .rollup(method, seconds)}, or null for {@link #LAST} (no rollup). */
    public String datadogMethod() {
        return datadogMethod;
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The aggregation named in configuration ("max", "avg"), or null when the name is unknown. */
    public static Rollup parse(String name) {
        return Arrays.stream(values()).filter(r -> r.wireName().equals(name.trim().toLowerCase(Locale.ROOT)))
                .findFirst().orElse(null);
    }

    public static String names() {
        return Arrays.stream(values()).map(Rollup::wireName).collect(Collectors.joining(", "));
    }

    /** A rollup of the values in time order (NaN skipped); NaN when none is left. */
    public double apply(double[] values) {
        double result = Double.NaN;
        int n = 0;
        for (double v : values) {
            if (Double.isNaN(v)) {
                continue;
            }
            result = n == 0 ? v : switch (this) {
                case AVG, SUM -> result + v;
                case MAX -> Math.max(result, v);
                case MIN -> Math.min(result, v);
                case LAST -> v;
            };
            n++;
        }
        return this == AVG && n > 0 ? result / n : result;
    }
}
