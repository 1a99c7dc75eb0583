package io.shipwatch.loadtest;

import java.util.Locale;

/** The outcome of a comparison, a rule's severity, ordered from harmless to blocking. */
public enum Level {
    PASS, WARN, FAIL;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The worse of two outcomes. */
    public Level worst(Level other) {
        return other.ordinal() > ordinal() ? other : this;
    }
}
