package io.shipwatch.markers;

import java.time.Instant;

/**
 * A commit a deployment ships. {@code committedAt} (the committer's time, which lead time counts from) may be
 * unknown (null), as may {@code authoredAt} and {@code message}.
 */
public record Commit(String sha, Instant committedAt, Instant authoredAt, String message) {

    /** A commit known only by its sha and commit time. */
    public Commit(String sha, Instant committedAt) {
        this(sha, committedAt, null, null);
    }
}
