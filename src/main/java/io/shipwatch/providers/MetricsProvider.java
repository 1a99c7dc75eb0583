package io.shipwatch.providers;

import io.shipwatch.core.TimeWindow;
import java.time.Duration;
import java.util.List;

/**
 * A metrics backend that answers range queries (Prometheus, Datadog, the built-in demo). Providers fetch; they never
 * decide whether a value is good or bad. Used by the service graphs and by quality gates.
 */
public interface MetricsProvider {

    /** The provider's type name as written in configuration ("prometheus", "demo"). */
    String type();

    /**
     * Runs a range query over {@code window} at resolution {@code step}. An empty list means the backend answered
     * with no data (never an error).
     *
     * @throws ProviderException when the backend could not answer (unreachable, refused, bad query)
     */
    List<Series> queryRange(String query, TimeWindow window, Duration step) throws ProviderException;

    /**
     * A range query whose point at each time {@code t} aggregates the query's values in {@code (t - step, t]} by
     * {@code rollup}, so that downsampling to a long step keeps spikes. The default point-samples, as
     * {@link #queryRange(String, TimeWindow, Duration)} does: providers that draw graphs override it.
     *
     * @throws ProviderException when the backend could not answer
     */
    default List<Series> queryRange(String query, TimeWindow window, Duration step, Rollup rollup)
            throws ProviderException {
        return queryRange(query, window, step);
    }
}
