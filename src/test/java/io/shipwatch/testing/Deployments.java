package io.shipwatch.testing;

import io.shipwatch.markers.Commit;
import io.shipwatch.markers.Deployment;
import io.shipwatch.markers.DeploymentStatus;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Deployment markers for tests: one fully described deployment of checkout 1.4.2 to production, and its ends. */
public final class Deployments {
    public static final Instant STARTED_AT = Instant.parse("2026-11-26T14:04:00Z");
    public static final Instant FINISHED_AT = Instant.parse("2026-11-26T14:09:30Z");

    private Deployments() {
    }

    /** Running: started at {@link #STARTED_AT}, not finished. */
    public static Deployment started() {
        return new Deployment("dep-7f3a", "checkout", "production", "1.4.2", DeploymentStatus.STARTED, STARTED_AT, null,
                "9f2c1ab5e0d4c3b2a1908f7e6d5c4b3a29180706", "https://github.com/acme/checkout",
                List.of(new Commit("9f2c1ab5e0d4c3b2a1908f7e6d5c4b3a29180706", Instant.parse("2026-11-26T13:50:00Z"))),
                "4711", "https://github.com/acme/checkout/actions/runs/4711", "alice", null,
                Map.of("team", "payments"), "ci-4711-production", STARTED_AT, STARTED_AT);
    }

    /** The same deployment finished at {@link #FINISHED_AT} with {@code status}. */
    public static Deployment finished(DeploymentStatus status) {
        return started().withFinish(status, FINISHED_AT, FINISHED_AT);
    }

    /** Only what a marker must have: no commit, actor, pipeline or description. */
    public static Deployment bare() {
        return new Deployment("dep-0001", "search", "staging", "2.0.0", DeploymentStatus.STARTED, STARTED_AT, null,
                null, null, null, null, null, null, null, null, null, STARTED_AT, STARTED_AT);
    }
}
