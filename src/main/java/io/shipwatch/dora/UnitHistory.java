package io.shipwatch.dora;

import io.shipwatch.markers.Commit;
import io.shipwatch.markers.Deployment;
import io.shipwatch.markers.DeploymentKind;
import io.shipwatch.markers.DeploymentStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The deployments of one unit (service and production environment) in finish order, and what follows from the
 * definitions for each: whether it counts, whether it failed and when it recovered, and which commits it shipped first.
 */
final class UnitHistory {
    /** A counted deployment with its failure reasons (empty when it did not fail) and remediation end. */
    record Counted(Deployment deployment, List<DoraReport.Reason> reasons, Instant recoveredAt) {
        boolean failed() {
            return !reasons.isEmpty();
        }
    }

    private final List<Deployment> finished;
    private final List<Counted> counted = new ArrayList<>();
    private final List<DoraReport.Change> changes = new ArrayList<>();

    /** {@code deployments} and {@code incidents} are the unit's own; checks and change starts may hold others'. */
    UnitHistory(List<Deployment> deployments, List<Incident> incidents, Map<String, List<FailedCheck>> checks,
                Map<String, Instant> changeStarts, Duration linkWindow) {
        finished = deployments.stream().filter(d -> d.finishedAt() != null && d.status() != DeploymentStatus.STARTED)
                .sorted(Comparator.comparing(Deployment::finishedAt).thenComparing(Deployment::startedAt)
                        .thenComparing(Deployment::id))
                .toList();
        for (int i = 0; i < finished.size(); i++) {
            Deployment d = finished.get(i);
            if (isCounted(d)) {
                counted.add(judge(i, incidents, checks.getOrDefault(d.id(), List.of()), linkWindow));
            }
        }
        collectChanges(changeStarts);
    }

    List<Counted> counted() {
        return counted;
    }

    List<DoraReport.Change> changes() {
        return changes;
    }

    // Counted: production deployments that succeeded or were rolled back; not a failed deploy job, not a rollback.
    static boolean isCounted(Deployment d) {
        return d.kind() == DeploymentKind.DEPLOY
                && (d.status() == DeploymentStatus.SUCCEEDED || d.status() == DeploymentStatus.ROLLED_BACK);
    }

    // What runs in production changes only with a deployment that succeeded or was rolled back (of either kind).
    private static boolean changedProduction(Deployment d) {
        return d.status() == DeploymentStatus.SUCCEEDED || d.status() == DeploymentStatus.ROLLED_BACK;
    }

    private Counted judge(int index, List<Incident> incidents, List<FailedCheck> checks, Duration linkWindow) {
        Deployment d = finished.get(index);
        Deployment next = null;
        for (int j = index + 1; j < finished.size() && next == null; j++) {
            next = changedProduction(finished.get(j)) ? finished.get(j) : null;
        }
        List<DoraReport.Reason> reasons = new ArrayList<>();
        List<Instant> ends = new ArrayList<>();
        if (d.status() == DeploymentStatus.ROLLED_BACK) {
            reasons.add(new DoraReport.Reason("rolled_back", "rolled back", next == null ? null : next.id()));
            addEnd(ends, next);
        }
        for (int j = index + 1; j < finished.size(); j++) {
            Deployment later = finished.get(j);
            if (d.id().equals(later.fixes())) {
                reasons.add(new DoraReport.Reason("fixed_by", "fixed by " + later.version(), later.id()));
                if (later.status() == DeploymentStatus.SUCCEEDED) {
                    ends.add(later.finishedAt());
                }
            }
        }
        for (FailedCheck check : checks) {
            // a check that failed before the deployment reached production stopped it; it is not a change failure
            if (!check.failedAt().isBefore(d.finishedAt())) {
                String detail = check.kind() + " '" + check.name() + "' failed"
                        + (check.detail() == null ? "" : ": " + check.detail());
                reasons.add(new DoraReport.Reason(check.kind(), detail, check.name()));
                addEnd(ends, next);
            }
        }
        for (Incident incident : incidents) {
            if (linked(incident, d, next, linkWindow)) {
                reasons.add(new DoraReport.Reason("incident", incident.title(), incident.id()));
                if (incident.resolvedAt() != null) {
                    ends.add(incident.resolvedAt());
                }
            }
        }
        // the failure ended with the first remediation: a rollback, a fix or the incident's resolution
        Instant recovered = ends.stream().filter(t -> !t.isBefore(d.finishedAt())).min(Comparator.naturalOrder())
                .orElse(null);
        return new Counted(d, List.copyOf(reasons), reasons.isEmpty() ? null : recovered);
    }

    private static void addEnd(List<Instant> ends, Deployment next) {
        if (next != null) {
            ends.add(next.finishedAt());
        }
    }

    /**
     * An explicit link wins; otherwise the incident opened after the deployment finished, before the next production
     * deployment, and within the link window (so an incident weeks later is not blamed on an old deployment).
     */
    static boolean linked(Incident incident, Deployment d, Deployment next, Duration linkWindow) {
        if (incident.deploymentId() != null) {
            return incident.deploymentId().equals(d.id());
        }
        Instant opened = incident.openedAt();
        return opened.isAfter(d.finishedAt())
                && (next == null || opened.isBefore(next.finishedAt()))
                && !opened.isAfter(d.finishedAt().plus(linkWindow));
    }

    /** Commits count once, at the first deployment that succeeded with them; a rollback ships nothing new. */
    private void collectChanges(Map<String, Instant> changeStarts) {
        Set<String> shipped = new HashSet<>();
        for (Deployment d : finished) {
            if (d.kind() != DeploymentKind.DEPLOY || d.status() != DeploymentStatus.SUCCEEDED) {
                continue;
            }
            for (Commit c : d.commits()) {
                if (!shipped.add(c.sha())) {
                    continue;
                }
                Instant pullRequestStart = changeStarts.get(c.sha());
                Instant start = pullRequestStart != null ? pullRequestStart
                        : c.committedAt() != null ? c.committedAt() : c.authoredAt();
                // a commit time after the deployment is clock skew, not a change: leave it out rather than count 0
                if (start != null && !start.isAfter(d.finishedAt())) {
                    changes.add(new DoraReport.Change(c.sha(), d.service(), d.environment(), d.id(), d.version(),
                            start, d.finishedAt(), Level.hours(Duration.between(start, d.finishedAt())), c.message(),
                            pullRequestStart != null));
                }
            }
        }
    }
}
