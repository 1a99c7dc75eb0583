package io.shipwatch.pipeline;

import java.util.Locale;

/** A span's status as OpenTelemetry defines it: {@code unset} (no verdict), {@code ok} or {@code error}. */
public enum SpanStatus {
    UNSET, OK, ERROR;

    /** The lower-case name used in JSON and the store. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The status named {@code text} ({@code ok}, {@code error}, {@code unset}), or null when it names none. */
    public static SpanStatus ofWireName(String text) {
        for (SpanStatus s : values()) {
            if (s.wireName().equals(text)) {
                return s;
            }
        }
        return null;
    }
}
