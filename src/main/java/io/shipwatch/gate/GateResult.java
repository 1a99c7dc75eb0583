package io.shipwatch.gate;

import java.util.Locale;

/** A gate's verdict: pass, warning, fail, or error when the metrics could not be had (never a pass). */
public enum GateResult {
    PASS, WARNING, FAIL, ERROR;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static GateResult parse(String text) {
        return valueOf(text.toUpperCase(Locale.ROOT));
    }
}
