package io.shipwatch.gate;

import java.math.BigDecimal;
import java.math.MathContext;

/** How numbers appear in verdicts and reasons: up to 6 significant digits, no exponent for everyday sizes. */
final class Numbers {
    private Numbers() {
    }

    static String format(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "+Inf" : "-Inf";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        BigDecimal d = new BigDecimal(v).round(new MathContext(6)).stripTrailingZeros();
        return Math.abs(v) >= 1e-4 && Math.abs(v) < 1e9 ? d.toPlainString() : d.toString();
    }
}
