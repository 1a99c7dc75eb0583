package io.shipwatch.gate;

import java.util.Locale;

/** A canary metric's classification, as Kayenta's: pass, high, low, nodata, or error when it could not be had. */
public enum MetricOutcome {
    PASS, HIGH, LOW, NODATA, ERROR;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
