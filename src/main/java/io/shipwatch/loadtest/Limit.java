package io.shipwatch.loadtest;

import io.shipwatch.core.InputException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A limit written in a rule: relative ({@code 10%}), or absolute in the metric's unit: {@code 5ms} or {@code 1.5s}
 * for latencies, {@code 1pp} (percentage points) for error rates, {@code 100/s} for throughput. An error rate's
 * {@code max}/{@code min} may also be written as a percentage ({@code max: 1%}), since the rate itself is one.
 *
 * @param value    the relative fraction (0.10 for 10%) or the absolute value in the metric's unit (ms, fraction, /s)
 * @param relative whether the value is relative to the baseline
 */
public record Limit(double value, boolean relative) {
    private static final Pattern TEXT = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(%|ms|s|pp|/s)");

    /** Parses {@code text} as a change limit for {@code metric} ({@code maxIncrease}, {@code maxDecrease}, {@code minDelta}). */
    public static Limit change(String text, Metric metric, boolean allowRelative, String where) {
        return parse(text, metric, allowRelative, where, false);
    }

    /** Parses {@code text} as an absolute bound on {@code metric} ({@code max}, {@code min}). */
    public static Limit bound(String text, Metric metric, String where) {
        return parse(text, metric, false, where, true);
    }

    private static Limit parse(String text, Metric metric, boolean allowRelative, String where, boolean bound) {
        Matcher m = TEXT.matcher(text == null ? "" : text.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new InputException(where, "'" + text + "' is not a limit", "write it with a unit, such as "
                    + examples(metric, allowRelative));
        }
        double n = Double.parseDouble(m.group(1));
        String unit = m.group(2);
        if (unit.equals("%") && (allowRelative || bound && metric == Metric.ERROR_RATE)) {
            return new Limit(n / 100.0, !bound);
        }
        if (metric.isLatency() && (unit.equals("ms") || unit.equals("s"))) {
            return new Limit(unit.equals("s") ? n * 1000.0 : n, false);
        }
        if (metric == Metric.ERROR_RATE && unit.equals("pp")) {
            return new Limit(n / 100.0, false);
        }
        if ((metric == Metric.THROUGHPUT || metric == Metric.COUNT) && unit.equals("/s")) {
            return new Limit(n, false);
        }
        throw new InputException(where, "'" + text + "' does not fit metric " + metric.wireName(),
                "use " + examples(metric, allowRelative));
    }

    private static String examples(Metric metric, boolean allowRelative) {
        String absolute = metric.isLatency() ? "5ms or 1s" : metric == Metric.ERROR_RATE ? "1pp" : "100/s";
        return allowRelative ? "10% or " + absolute : absolute;
    }

    /** How a change limit reads in a verdict: {@code 10%}, {@code 5ms}, {@code 1pp}, {@code 100/s}. */
    public String describe(Metric metric) {
        if (metric == Metric.ERROR_RATE && !relative) {
            return SummaryReport.number(value * 100) + "pp";
        }
        return describeBound(metric);
    }

    /** How a bound reads in a verdict: an error rate as a percentage ({@code 1%}), others as {@link #describe}. */
    public String describeBound(Metric metric) {
        if (relative || metric == Metric.ERROR_RATE) {
            return SummaryReport.number(value * 100) + "%";
        }
        return SummaryReport.number(value) + (metric.isLatency() ? "ms" : "/s");
    }
}
