package io.shipwatch.markers;

import java.time.Instant;

/** How far a deployment's delivery to one sink has got; shown in the API next to the deployment. */
public record DeliveryState(
        String sink,
        String state,
        int attempts,
        Instant lastAttemptAt,
        Instant nextAttemptAt,
        Instant deliveredAt,
        String lastError) {

    public static final String DELIVERED = "delivered";
    public static final String PENDING = "pending";
    public static final String RETRYING = "retrying";
    public static final String FAILED = "failed";
}
