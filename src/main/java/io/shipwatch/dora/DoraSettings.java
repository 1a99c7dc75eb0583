package io.shipwatch.dora;

import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * What the DORA calculation needs to be told: which environments are production, and how long after a deployment an
 * incident of the same service and environment is still blamed on it.
 */
public record DoraSettings(Set<String> productionEnvironments, Duration incidentLinkWindow) {
    public static final List<String> DEFAULT_PRODUCTION = List.of("production", "prod");
    public static final Duration DEFAULT_LINK_WINDOW = Duration.ofHours(24);

    public DoraSettings {
        productionEnvironments = Set.copyOf(productionEnvironments);
    }

    public static DoraSettings defaults() {
        return new DoraSettings(Set.copyOf(DEFAULT_PRODUCTION), DEFAULT_LINK_WINDOW);
    }

    public boolean isProduction(String environment) {
        return productionEnvironments.contains(environment);
    }
}
