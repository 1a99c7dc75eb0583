package io.shipwatch.dora.webhook;

import io.shipwatch.markers.DeploymentStatus;
import io.shipwatch.pipeline.PipelineSpan;
import java.time.Instant;
import java.util.List;

/** What a Git, CI, GitOps or alerting webhook told us, parsed and checked, before anything is stored. */
public sealed interface WebhookEvent {

    /** A push moved {@code ref} from {@code before} to {@code after}, adding {@code commits} (oldest first). */
    record Push(String repositoryUrl, String ref, String before, String after, List<PushedCommit> commits)
            implements WebhookEvent {
    }

    /** A commit in a push, with the paths it added, changed or removed. */
    record PushedCommit(String sha, Instant committedAt, String message, List<String> paths) {
    }

    /** A merged pull (merge) request; its merge or squash commit's change started at the branch's first commit. */
    record PullRequestMerged(String repositoryUrl, int number, String title, String mergeCommitSha, Instant createdAt,
                             Instant mergedAt, String headRef) implements WebhookEvent {
    }

    /**
     * A deployment's status at its origin ({@code source} and {@code externalId}, e.g. a GitHub deployment id);
     * {@code service} is null when the payload does not name it (then the repository mapping decides).
     */
    record DeploymentUpdate(String source, String externalId, String repositoryUrl, String service,
                            String environment, String version, String sha, DeploymentStatus status,
                            Instant startedAt, Instant finishedAt, String url) implements WebhookEvent {
    }

    /** An incident opened (resolvedAt null) or resolved, identified by {@code source} and {@code externalId}. */
    record IncidentUpdate(String source, String externalId, String service, String environment, String title,
                          String severity, Instant openedAt, Instant resolvedAt) implements WebhookEvent {
    }

    /** Spans of a CI run (a GitHub workflow run or job, a GitLab pipeline or job) as the CI reported them so far. */
    record PipelineSpans(List<PipelineSpan> spans) implements WebhookEvent {
    }

    /** A well-formed event Shipwatch has no use for (a tag push, a closed but unmerged pull request), and why. */
    record Ignored(String reason) implements WebhookEvent {
    }
}
