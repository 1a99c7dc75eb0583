package io.shipwatch.graphs;

import io.shipwatch.providers.LabelValue;
import io.shipwatch.providers.Rollup;
import java.util.Set;

/**
 * One graph on a service page: a query template whose {@code {{service}}} and {@code {{environment}}} are filled in
 * for the service shown, the unit its values are in, and how its points are aggregated over each step when the range
 * is long (max for error ratios and latencies, so a spike stays visible; avg for rates).
 */
public record Panel(String id, String title, String unit, String query, Rollup rollup) {
    /** Units of ratios and latencies, whose worst value in a step is the one to show. */
    private static final Set<String> WORST_CASE_UNITS = Set.of("ratio", "percent", "percentunit", "s", "ms");

    /** A panel aggregated by {@link #defaultRollup(String)} of its unit. */
    public Panel(String id, String title, String unit, String query) {
        this(id, title, unit, query, defaultRollup(unit));
    }

    /** Max for ratios, percentages and latencies (a spike must show), avg for anything else (rates, counts). */
    public static Rollup defaultRollup(String unit) {
        return WORST_CASE_UNITS.contains(unit) ? Rollup.MAX : Rollup.AVG;
    }

    /** The query for one service and environment, both escaped so that neither can change what the query selects. */
    public String queryFor(String service, String environment) {
        return query.replace("{{service}}", LabelValue.escape(service))
                .replace("{{environment}}", environment == null ? "" : LabelValue.escape(environment));
    }
}
