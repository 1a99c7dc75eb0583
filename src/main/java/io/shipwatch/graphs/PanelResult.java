package io.shipwatch.graphs;

import io.shipwatch.providers.Series;
import java.util.List;

/** A panel's data for one window: its series, or the reason the backend gave none (then series is empty). */
public record PanelResult(String id, String title, String unit, String query, List<Series> series, String error) {
}
