package io.shipwatch.gate;

import java.util.Locale;

/** An objective's outcome: its criteria met or not, informational, without data, or not measurable (error). */
public enum Outcome {
    PASS, WARNING, FAIL, INFO, NODATA, ERROR;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
