package io.shipwatch.app;

import io.shipwatch.graphs.ServiceGraphs;
import java.util.Map;

/** The one place that knows the concrete metrics providers: builds the configured one from {@code metrics:}. */
final class MetricsProviders {
    private MetricsProviders() {
    }

    static ServiceGraphs graphs(Config.MetricsSection section) {
        return new ServiceGraphs(null, ServiceGraphs.DEMO_DEFAULTS, Map.of());
    }
}
