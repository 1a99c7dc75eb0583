package io.shipwatch.dora;

import io.shipwatch.core.TimeWindow;

/** What a DORA report covers: optional service, team and environment (null: all), and the window. */
public record DoraQuery(String service, String team, String environment, TimeWindow window) {
}
