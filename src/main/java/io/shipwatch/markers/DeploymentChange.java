package io.shipwatch.markers;

import java.time.Instant;

/** A change to a recorded deployment (finish it, or change its status); null fields stay as they are. */
public record DeploymentChange(DeploymentStatus status, Instant finishedAt, String description) {
}
