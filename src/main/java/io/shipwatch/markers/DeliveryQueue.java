package io.shipwatch.markers;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The durable outbox the {@link DeliveryWorker} drains. Claims are leases: a row claimed by one server is not
 * handed to another until its lease runs out, so two servers on one database never deliver the same revision twice.
 */
public interface DeliveryQueue {

    /** One claimed delivery: the deployment as it is now, its revision, and the sink's reference from last time. */
    record Task(Deployment deployment, long revision, String sink, int attempts, String externalRef) {
        /** Stable for one revision of one deployment on one sink; sent to receivers as an idempotency key. */
        public String deliveryKey() {
            return deployment.id() + ":" + sink + ":" + revision;
        }
    }

    /** Leases up to {@code max} due deliveries to {@code owner} until {@code now + lease}. */
    List<Task> claimDue(String owner, Instant now, Duration lease, int max);

    /** Records a delivered revision and releases the lease. */
    void delivered(Task task, String owner, String externalRef, Instant now);

    /** Records a failed attempt; {@code nextAttemptAt} null means give up on this revision. Releases the lease. */
    void failed(Task task, String owner, String error, Instant nextAttemptAt, Instant now);
}
