package io.shipwatch.gate;

import io.shipwatch.core.InputException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One Keptn-style criterion: an operator and a number, absolute ({@code "< 0.01"}) or relative to a baseline
 * ({@code "<=+10%"}, {@code ">=-5%"}, {@code "<=+0.2"}). A percentage without a sign is a relative increase, and all
 * whitespace is ignored, as Keptn's lighthouse parses them.
 */
public record Criterion(String text, Operator operator, double value, boolean relative, boolean percent, boolean increase) {
    private static final Pattern FORM = Pattern.compile("^(<=|>=|<|>|=)([+-]?)((?:\\d+(?:\\.\\d*)?|\\.\\d+)(?:[eE][+-]?\\d+)?)(%?)$");

    /** How a measured value is compared with the target. */
    public enum Operator {
        LT("<"), LE("<="), EQ("="), GE(">="), GT(">");

        private final String symbol;

        Operator(String symbol) {
            this.symbol = symbol;
        }

        public String symbol() {
            return symbol;
        }

        boolean holds(double measured, double target) {
            return switch (this) {
                case LT -> measured < target;
                case LE -> measured <= target;
                case EQ -> measured == target;
                case GE -> measured >= target;
                case GT -> measured > target;
            };
        }

        static Operator of(String symbol) {
            for (Operator o : values()) {
                if (o.symbol.equals(symbol)) {
                    return o;
                }
            }
            throw new IllegalArgumentException(symbol);
        }
    }

    /** Parses one criterion; {@code where} is its file:line. */
    public static Criterion parse(String text, String where) {
        String compact = text == null ? "" : text.replaceAll("\\s+", "");
        Matcher m = FORM.matcher(compact);
        if (!m.matches()) {
            throw new InputException(where, "'" + text + "' is not a criterion",
                    "write an operator (<, <=, =, >=, >) and a number, such as '< 0.01', or a change from the baseline"
                            + " such as '<=+10%', '>=-5%' or '<=+0.2'");
        }
        String sign = m.group(2);
        boolean percent = !m.group(4).isEmpty();
        boolean relative = percent || !sign.isEmpty();
        return new Criterion(text.trim(), Operator.of(m.group(1)), Double.parseDouble(m.group(3)), relative, percent,
                !sign.equals("-"));
    }

    /**
     * The value a measurement is compared with: the number itself, or the baseline moved by it. NaN for a relative
     * criterion without a baseline.
     */
    public double target(Double baseline) {
        if (!relative) {
            return value;
        }
        if (baseline == null || baseline.isNaN()) {
            return Double.NaN;
        }
        double change = increase ? value : -value;
        // as Keptn's evaluateComparison: baseline * (100 ± v) / 100, or baseline ± v
        return percent ? baseline * (100 + change) / 100 : baseline + change;
    }

    /** Whether {@code measured} meets this criterion; a relative criterion without a baseline is skipped (met). */
    public boolean holds(double measured, Double baseline) {
        double target = target(baseline);
        if (relative && Double.isNaN(target)) {
            return true;
        }
        return operator.holds(measured, target);
    }
}
