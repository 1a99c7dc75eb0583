package io.shipwatch.testing;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * OpenMetrics text with timestamped gauge samples, as {@code promtool tsdb create-blocks-from openmetrics} reads it,
 * to give {@link PrometheusServer#builder()} historic data with exactly known values.
 */
public final class OpenMetricsText {
    private final Map<String, List<String>> families = new LinkedHashMap<>();

    /** Adds one gauge series: {@code name{labels}} with a value at each time. */
    public OpenMetricsText gauge(String name, Map<String, String> labels, Map<Instant, Double> samples) {
        List<String> lines = families.computeIfAbsent(name, n -> new ArrayList<>(List.of("# TYPE " + n + " gauge")));
        String series = name + labelSet(labels);
        SortedMap<Instant, Double> inOrder = new TreeMap<>(samples);
        inOrder.forEach((t, v) -> lines.add(series + " " + number(v) + " " + seconds(t)));
        return this;
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        families.values().forEach(lines -> lines.forEach(l -> text.append(l).append('\n')));
        return text.append("# EOF\n").toString();
    }

    private static String labelSet(Map<String, String> labels) {
        if (labels.isEmpty()) {
            return "";
        }
        List<String> pairs = new ArrayList<>();
        new TreeMap<>(labels).forEach((k, v) -> pairs.add(k + "=\"" + v.replace("\\", "\\\\").replace("\"", "\\\"")
                .replace("\n", "\\n") + "\""));
        return "{" + String.join(",", pairs) + "}";
    }

    private static String number(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "+Inf" : "-Inf";
        }
        return Double.toString(v);
    }

    private static String seconds(Instant t) {
        return BigDecimal.valueOf(t.toEpochMilli(), 3).stripTrailingZeros().toPlainString();
    }
}
