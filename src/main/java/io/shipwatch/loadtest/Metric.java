package io.shipwatch.loadtest;

import io.shipwatch.core.InputException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** A metric of a label that results report and rules compare, by the name used in rules and JSON. */
public enum Metric {
    COUNT("count", null), ERROR_RATE("errorRate", null), THROUGHPUT("throughput", null),
    MEAN("mean", null), MIN("min", null), MAX("max", null),
    P50("p50", 0.50), P90("p90", 0.90), P95("p95", 0.95), P99("p99", 0.99), P999("p99.9", 0.999);

    private final String wireName;
    private final Double quantile;

    Metric(String wireName, Double quantile) {
        this.wireName = wireName;
        this.quantile = quantile;
    }

    public String wireName() {
        return wireName;
    }

    /** The quantile of a percentile metric (0.95 for p95), or null for the others. */
    public Double quantile() {
        return quantile;
    }

    /** True for the latency metrics, whose values are milliseconds. */
    public boolean isLatency() {
        return this != COUNT && this != ERROR_RATE && this != THROUGHPUT;
    }

    /** The metric named {@code text} (case-insensitive; {@code p999} and {@code median} are accepted too). */
    public static Metric parse(String text, String where) {
        String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        if (t.equals("p999")) {
            return P999;
        }
        if (t.equals("median")) {
            return P50;
        }
        for (Metric m : values()) {
            if (m.wireName.toLowerCase(Locale.ROOT).equals(t)) {
                return m;
            }
        }
        throw new InputException(where, "unknown metric '" + text + "'", "use one of "
                + Arrays.stream(values()).map(Metric::wireName).collect(Collectors.joining(", ")));
    }
}
