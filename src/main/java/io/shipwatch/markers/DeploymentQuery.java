package io.shipwatch.markers;

import java.time.Instant;

/**
 * Which deployments to list: optional service and environment, and an optional time range that keeps deployments
 * overlapping [from, to) (started before {@code to}, and finished, or started, at or after {@code from}).
 * {@code cursor} is the {@code next} value of the previous page, or null for the first.
 */
public record DeploymentQuery(String service, String environment, Instant from, Instant to, int limit, Cursor cursor) {
    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 500;

    /** The position after the last item of a page: its start time and id (the sort key, newest first). */
    public record Cursor(Instant startedAt, String id) {
    }
}
