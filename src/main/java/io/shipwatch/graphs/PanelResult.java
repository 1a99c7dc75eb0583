package io.shipwatch.graphs;

import io.shipwatch.providers.Rollup;
import io.shipwatch.providers.Series;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * A panel's data for one window: its series (each point the {@code rollup} of the step before it), or the reason there
 * are none (then series is empty), and which of the three: drawn, the backend failed, or no backend is configured.
 */
public record PanelResult(String id, String title, String unit, String query, Rollup rollup, Duration step,
                          List<Series> series, String error, Status status) {

    /** Whether the panel could be drawn; {@code UNCONFIGURED} means no query was sent anywhere. */
    public enum Status {
        OK, ERROR, UNCONFIGURED;

        /** The lower-case name used in JSON. */
        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** A panel the backend answered ({@code error} null) or failed to answer. */
    public PanelResult(String id, String title, String unit, String query, Rollup rollup, Duration step,
                       List<Series> series, String error) {
        this(id, title, unit, query, rollup, step, series, error, error == null ? Status.OK : Status.ERROR);
    }
}
