package io.shipwatch.gate;

import java.util.Locale;

/** What a canary judgement says to do with the release. */
public enum Decision {
    PROMOTE, ROLLBACK, INCONCLUSIVE;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
