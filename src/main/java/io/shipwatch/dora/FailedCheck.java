package io.shipwatch.dora;

import java.time.Instant;

/**
 * A quality gate or canary analysis that failed against a deployment at {@code failedAt}. {@code kind} is
 * {@code gate} or {@code canary}; {@code name} names the gate; {@code detail} says why, for the drill-down.
 */
public record FailedCheck(String deploymentId, String kind, String name, Instant failedAt, String detail) {
}
