package io.shipwatch.http;

import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.shipwatch.core.TimeWindow;
import io.shipwatch.dora.DoraReport;
import io.shipwatch.dora.DoraService;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.Function;

/**
 * The DORA figures per service and production environment over the rolling last 30 days, as gauges. A figure without
 * data has no sample (absent, not a zero that looks good). Computed from the database at most once a minute, so
 * frequent scrapes cost little and every server behind a load balancer reports the same.
 */
final class DoraGauges implements MultiCollector {
    static final Duration WINDOW = Duration.ofDays(30);
    private static final Duration REUSE = Duration.ofMinutes(1);

    private final DoraService dora;
    private final Clock clock;
    private Instant computedAt;
    private MetricSnapshots last;

    DoraGauges(DoraService dora, Clock clock) {
        this.dora = dora;
        this.clock = clock;
    }

    @Override
    public synchronized MetricSnapshots collect() {
        Instant now = clock.instant();
        if (last == null || Duration.between(computedAt, now).compareTo(REUSE) >= 0) {
            last = snapshots(dora.metricsByUnit(TimeWindow.ending(now, WINDOW)));
            computedAt = now;
        }
        return last;
    }

    private static MetricSnapshots snapshots(Map<DoraService.Unit, DoraReport.DoraMetrics> units) {
        return MetricSnapshots.of(
                gauge(units, "shipwatch_dora_deployments", "Deployments counted by DORA in the last 30 days",
                        m -> (double) m.deploymentFrequency().deployments()),
                gauge(units, "shipwatch_dora_deployments_per_day", "Deployments per day over the last 30 days",
                        m -> m.deploymentFrequency().perDay()),
                gauge(units, "shipwatch_dora_deployment_days_per_week_median",
                        "Median deployment days per ISO week over the last 30 days",
                        m -> m.deploymentFrequency().deploymentDaysPerWeekMedian()),
                gauge(units, "shipwatch_dora_lead_time_median_seconds",
                        "Median lead time for changes over the last 30 days", m -> seconds(m.leadTimeForChanges().medianHours())),
                gauge(units, "shipwatch_dora_lead_time_p90_seconds",
                        "90th percentile (nearest rank) lead time for changes over the last 30 days",
                        m -> seconds(m.leadTimeForChanges().p90Hours())),
                gauge(units, "shipwatch_dora_change_failure_ratio", "Failed deployments / deployments, last 30 days",
                        m -> m.changeFailureRate().rate()),
                gauge(units, "shipwatch_dora_time_to_restore_median_seconds",
                        "Median time from incident opened to resolved, incidents resolved in the last 30 days",
                        m -> seconds(m.timeToRestore().medianHours())),
                gauge(units, "shipwatch_dora_failed_deployment_recovery_median_seconds",
                        "Median time from a failed deployment to the end of its remediation, last 30 days",
                        m -> seconds(m.failedDeploymentRecoveryTime().medianHours())));
    }

    private static GaugeSnapshot gauge(Map<DoraService.Unit, DoraReport.DoraMetrics> units, String name, String help,
                                       Function<DoraReport.DoraMetrics, Double> value) {
        GaugeSnapshot.Builder gauge = GaugeSnapshot.builder().name(name).help(help);
        units.forEach((unit, metrics) -> {
            Double v = value.apply(metrics);
            if (v != null) {
                gauge.dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder()
                        .labels(Labels.of("environment", unit.environment(), "service", unit.service()))
                        .value(v).build());
            }
        });
        return gauge.build();
    }

    private static Double seconds(Double hours) {
        return hours == null ? null : hours * 3600;
    }
}
