package io.shipwatch.markers;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Where deployment markers are kept; implemented in {@code io.shipwatch.store} for SQLite and PostgreSQL. */
public interface MarkerStore {

    /** The result of {@link #insert}: the stored deployment, and whether this call created it. */
    record Saved(Deployment deployment, boolean created) {
    }

    /**
     * Stores a new deployment with its commits, its first status change and one queued delivery per sink, in one
     * transaction. When a deployment with the same idempotency key exists, returns it untouched (created false).
     */
    Saved insert(Deployment deployment, List<String> sinks, Instant now);

    Optional<Deployment> find(String id);

    /**
     * Replaces a stored deployment's status, finish time and description, records the status change if any, and
     * queues its deliveries again, in one transaction. Returns the deployment as stored.
     */
    Deployment update(Deployment deployment, Instant now);

    /** Deployments matching the query, newest first, one page at a time. */
    DeploymentPage list(DeploymentQuery query);

    /** Every service and environment that has a deployment, with its newest one. */
    List<ServiceSummary> services();

    /** How many times deployments entered each status, per service and environment (monotonic). */
    List<StatusCount> statusCounts();

    /** The delivery state of one deployment on each sink. */
    List<DeliveryState> deliveries(String deploymentId);

    /** A count of status changes for {@code shipwatch_deployments_total}. */
    record StatusCount(String service, String environment, DeploymentStatus status, long count) {
    }

    /** One (service, environment) and its newest deployment. */
    record ServiceSummary(String service, String environment, Deployment latest) {
    }
}
