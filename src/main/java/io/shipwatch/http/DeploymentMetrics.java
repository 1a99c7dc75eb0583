package io.shipwatch.http;

import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.shipwatch.markers.MarkerStore;

/**
 * {@code shipwatch_deployments_total} and {@code shipwatch_deployment_last_timestamp_seconds}, read from the database
 * at each scrape, so every server behind a load balancer reports the same numbers and restarts lose nothing.
 */
final class DeploymentMetrics implements MultiCollector {
    private final MarkerStore store;

    DeploymentMetrics(MarkerStore store) {
        this.store = store;
    }

    @Override
    public MetricSnapshots collect() {
        CounterSnapshot.Builder total = CounterSnapshot.builder()
                .name("shipwatch_deployments")
                .help("Deployments that entered each status, by service and environment");
        for (MarkerStore.StatusCount c : store.statusCounts()) {
            total.dataPoint(CounterSnapshot.CounterDataPointSnapshot.builder()
                    .labels(Labels.of("environment", c.environment(), "service", c.service(),
                            "status", c.status().wireName()))
                    .value(c.count())
                    .build());
        }
        GaugeSnapshot.Builder last = GaugeSnapshot.builder()
                .name("shipwatch_deployment_last_timestamp_seconds")
                .help("Start time of the newest deployment, by service and environment (Unix seconds)");
        for (MarkerStore.ServiceSummary s : store.services()) {
            last.dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder()
                    .labels(Labels.of("environment", s.environment(), "service", s.service()))
                    .value(s.latest().startedAt().toEpochMilli() / 1000.0)
                    .build());
        }
        return MetricSnapshots.of(total.build(), last.build());
    }
}
