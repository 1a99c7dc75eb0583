package io.shipwatch.dora;

import java.time.Duration;
import java.time.Instant;

/**
 * Something broken in one service and environment, from {@code openedAt} (the alert fired) until {@code resolvedAt}
 * (null while open). {@code deploymentId} links it to a deployment explicitly; {@code source} and {@code externalId}
 * say where it came from ({@code api}, {@code alertmanager} with the alert fingerprint, {@code pagerduty} with the
 * incident id).
 */
public record Incident(String id, String service, String environment, String title, String severity,
                       Instant openedAt, Instant resolvedAt, String deploymentId, String source, String externalId) {

    /** How long it took to restore service, or null while open. */
    public Duration timeToRestore() {
        return resolvedAt == null ? null : Duration.between(openedAt, resolvedAt);
    }
}
