package io.shipwatch.graphs;

import io.shipwatch.providers.LabelValue;

/**
 * One graph on a service page: a query template whose {@code {{service}}} and {@code {{environment}}} are filled in
 * for the service shown, and the unit its values are in.
 */
public record Panel(String id, String title, String unit, String query) {

    /** The query for one service and environment, both escaped so that neither can change what the query selects. */
    public String queryFor(String service, String environment) {
        return query.replace("{{service}}", LabelValue.escape(service))
                .replace("{{environment}}", environment == null ? "" : LabelValue.escape(environment));
    }
}
