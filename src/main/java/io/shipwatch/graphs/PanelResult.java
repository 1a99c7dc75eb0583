package io.shipwatch.graphs;

import io.shipwatch.providers.Rollup;
import io.shipwatch.providers.Series;
import java.time.Duration;
import java.util.List;

/**
 * A panel's data for one window: its series (each point the {@code rollup} of the step before it), or the reason the
 * backend gave none (then series is empty).
 */
public record PanelResult(String id, String title, String unit, String query, Rollup rollup, Duration step,
                          List<Series> series, String error) {
}
