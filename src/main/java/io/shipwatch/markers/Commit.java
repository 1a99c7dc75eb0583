package io.shipwatch.markers;

import java.time.Instant;

/** A commit a deployment ships; {@code committedAt} may be unknown (null). */
public record Commit(String sha, Instant committedAt) {
}
