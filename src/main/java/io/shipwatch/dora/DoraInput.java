package io.shipwatch.dora;

import io.shipwatch.markers.Deployment;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Everything the DORA calculation reads: deployments (any environment and status; it keeps the production ones), with
 * their commits; incidents; failed gates and canaries; and, for squash and merge commits of known pull requests, when
 * the pull request's first commit was made ({@code changeStarts}, by merge commit sha).
 */
public record DoraInput(List<Deployment> deployments, List<Incident> incidents, List<FailedCheck> failedChecks,
                        Map<String, Instant> changeStarts) {
    public DoraInput {
        deployments = List.copyOf(deployments);
        incidents = List.copyOf(incidents);
        failedChecks = List.copyOf(failedChecks);
        changeStarts = Map.copyOf(changeStarts);
    }
}
