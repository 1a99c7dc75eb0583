package io.shipwatch.markers;

import io.shipwatch.core.ConflictException;
import io.shipwatch.core.Names;
import io.shipwatch.core.NotFoundException;
import io.shipwatch.core.Problems;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Records deployment markers: checks them, fills in what the caller left out (id, times), stores them and queues
 * their delivery to every configured sink. Validation happens before the first write.
 */
public final class MarkerService {
    // Names end up as Prometheus label values, Grafana and Datadog tags: keep them to a safe alphabet.
    private static final Set<DeploymentStatus> FINAL = Set.of(DeploymentStatus.ROLLED_BACK);

    private final MarkerStore store;
    private final List<String> sinks;
    private final Clock clock;
    private final Consumer<Deployment> onChange;

    /** {@code onChange} is told of every stored change (the delivery worker uses it to wake up early). */
    public MarkerService(MarkerStore store, List<String> sinks, Clock clock, Consumer<Deployment> onChange) {
        this.store = store;
        this.sinks = List.copyOf(sinks);
        this.clock = clock;
        this.onChange = onChange;
    }

    /**
     * Records a new deployment. {@code draft} carries what the caller said; its id, createdAt and updatedAt are
     * ignored. A missing startedAt is now; a finished status without finishedAt finishes now.
     */
    public MarkerStore.Saved record(Deployment draft) {
        Instant now = now();
        Problems problems = new Problems();
        checkName(problems, "service", draft.service());
        checkName(problems, "environment", draft.environment());
        checkText(problems, "version", draft.version(), 128, true);
        checkText(problems, "description", draft.description(), 4000, false);
        checkText(problems, "idempotencyKey", draft.idempotencyKey(), 256, false);
        DeploymentStatus status = draft.status() == null ? DeploymentStatus.SUCCEEDED : draft.status();
        Instant finishedAt = millis(draft.finishedAt());
        Instant startedAt = draft.startedAt() != null ? millis(draft.startedAt())
                : finishedAt != null && finishedAt.isBefore(now) ? finishedAt : now;
        if (status == DeploymentStatus.STARTED && finishedAt != null) {
            problems.add("finishedAt", "a deployment with status 'started' has not finished",
                    "leave finishedAt out, or give a finished status");
        }
        if (status.isFinished() && finishedAt == null) {
            finishedAt = startedAt.isAfter(now) ? startedAt : now;
        }
        if (finishedAt != null && finishedAt.isBefore(startedAt)) {
            problems.add("finishedAt", "'" + finishedAt + "' is before startedAt '" + startedAt + "'",
                    "a deployment finishes after it starts");
        }
        draft.tags().forEach((k, v) -> {
            checkText(problems, "tags." + k, v, 256, true);
            if (k.isEmpty() || k.length() > 64) {
                problems.add("tags", "tag name '" + k + "' must have 1 to 64 characters", null);
            }
        });
        if (draft.tags().size() > 50) {
            problems.add("tags", "has " + draft.tags().size() + " entries, more than 50", "keep the important ones");
        }
        for (int i = 0; i < draft.commits().size(); i++) {
            Commit c = draft.commits().get(i);
            checkText(problems, "commits[" + i + "].sha", c.sha(), 64, true);
            if (c.message() != null && c.message().length() > 4000) {
                problems.add("commits[" + i + "].message", "has " + c.message().length()
                        + " characters, more than 4000", "send the first line only");
            }
        }
        checkFixes(problems, draft);
        problems.throwIfAny();

        List<Commit> commits = draft.commits().stream().map(c -> new Commit(c.sha(), millis(c.committedAt()),
                millis(c.authoredAt()), c.message())).toList();
        Deployment deployment = new Deployment(UUID.randomUUID().toString(), draft.service(), draft.environment(),
                draft.version(), status, startedAt, finishedAt, draft.commitSha(), draft.repositoryUrl(),
                commits, draft.pipelineRunId(), draft.pipelineRunUrl(), draft.actor(), draft.description(),
                draft.tags(), blankToNull(draft.idempotencyKey()), now, now, draft.kind(), blankToNull(draft.fixes()));
        MarkerStore.Saved saved = store.insert(deployment, sinks, now);
        if (saved.created()) {
            onChange.accept(saved.deployment());
        }
        return saved;
    }

    /** Finishes a deployment or changes its status; a rolled-back deployment is final, nothing goes back to started. */
    public Deployment change(String id, DeploymentChange change) {
        Deployment current = get(id);
        Instant now = now();
        Problems problems = new Problems();
        checkText(problems, "description", change.description(), 4000, false);
        DeploymentStatus status = change.status() != null ? change.status()
                : current.status() == DeploymentStatus.STARTED ? DeploymentStatus.SUCCEEDED : current.status();
        Instant finishedAt = change.finishedAt() != null ? millis(change.finishedAt())
                : current.finishedAt() != null ? current.finishedAt() : now;
        if (finishedAt.isBefore(current.startedAt())) {
            problems.add("finishedAt", "'" + finishedAt + "' is before the deployment's startedAt '"
                    + current.startedAt() + "'", "a deployment finishes after it starts");
        }
        problems.throwIfAny();
        if (current.finishedAt() != null && change.finishedAt() != null && !finishedAt.equals(current.finishedAt())) {
            // A rollback found later changes the status, not when the deployment went out (DORA counts it there).
            throw new ConflictException("finishedAt", "deployment " + id + " already finished at "
                    + current.finishedAt(), "leave finishedAt out to change only its status");
        }
        if (status == DeploymentStatus.STARTED && current.status() != DeploymentStatus.STARTED) {
            throw new ConflictException("status", "deployment " + id + " is already " + current.status().wireName()
                    + " and cannot go back to started", "record a new deployment instead");
        }
        if (FINAL.contains(current.status()) && status != current.status()) {
            throw new ConflictException("status", "deployment " + id + " was rolled back; its status is final",
                    "record the next deployment instead");
        }
        String description = change.description() != null ? change.description() : current.description();
        Deployment changed = new Deployment(current.id(), current.service(), current.environment(), current.version(),
                status, current.startedAt(), finishedAt, current.commitSha(), current.repositoryUrl(),
                current.commits(), current.pipelineRunId(), current.pipelineRunUrl(), current.actor(), description,
                current.tags(), current.idempotencyKey(), current.createdAt(), now, current.kind(), current.fixes());
        if (status == current.status() && finishedAt.equals(current.finishedAt())
                && Objects.equals(description, current.description())) {
            return current; // nothing changed: no new revision, no re-delivery
        }
        Deployment stored = store.update(changed, now);
        onChange.accept(stored);
        return stored;
    }

    public Deployment get(String id) {
        return store.find(id).orElseThrow(() -> new NotFoundException("id", "no deployment '" + id + "'",
                "list deployments with GET /api/v1/deployments"));
    }

    public DeploymentPage list(DeploymentQuery query) {
        return store.list(query);
    }

    public List<DeliveryState> deliveries(String id) {
        return store.deliveries(id);
    }

    // A fix names an earlier deployment of the same service and environment: anything else is a typo in the id.
    private void checkFixes(Problems problems, Deployment draft) {
        String fixes = blankToNull(draft.fixes());
        if (fixes == null) {
            return;
        }
        Deployment fixed = store.find(fixes).orElse(null);
        if (fixed == null) {
            problems.add("fixes", "no deployment '" + fixes + "'", "give the id of the deployment this one repairs");
        } else if (!fixed.service().equals(draft.service()) || !fixed.environment().equals(draft.environment())) {
            problems.add("fixes", "deployment '" + fixes + "' is of " + fixed.service() + " in "
                    + fixed.environment() + ", not " + draft.service() + " in " + draft.environment(),
                    "a fix repairs a deployment of the same service and environment");
        }
    }

    /** Adds a problem when {@code value} is missing or not a name (service, environment) Shipwatch can use as a label. */
    public static void checkName(Problems problems, String field, String value) {
        if (value == null || value.isBlank()) {
            problems.add(field, "is required", null);
        } else if (!Names.NAME.matcher(value).matches()) {
            problems.add(field, "'" + value + "' is not a valid name",
                    "use 1 to 128 letters, digits and . _ - : / @, starting with a letter or digit");
        }
    }

    /** Adds a problem when {@code value} is required and missing, longer than {@code max} or holds control characters. */
    public static void checkText(Problems problems, String field, String value, int max, boolean required) {
        if (value == null || value.isBlank()) {
            if (required) {
                problems.add(field, "is required", null);
            }
        } else if (value.length() > max) {
            problems.add(field, "has " + value.length() + " characters, more than " + max, "shorten it");
        } else if (value.chars().anyMatch(ch -> ch < 0x20 && ch != '\n' && ch != '\t')) {
            problems.add(field, "contains control characters", "remove them");
        }
    }

    // The store keeps milliseconds: trim here so what is answered equals what is stored.
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    private static Instant millis(Instant t) {
        return t == null ? null : t.truncatedTo(ChronoUnit.MILLIS);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
