package io.shipwatch.dora.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import io.shipwatch.ci.RepositoryUrl;
import io.shipwatch.core.InputException;
import io.shipwatch.markers.DeploymentStatus;
import java.util.List;

/**
 * GitLab webhooks ({@code X-Gitlab-Event}): Push, Deployment, Merge Request (merged) hooks, and Pipeline and Job
 * hooks (as pipeline spans). Returns the whole result or throws an {@link InputException} naming the field.
 */
public final class GitLabWebhookParser {
    private static final String HINT = "send the payload GitLab delivers, unchanged";

    private GitLabWebhookParser() {
    }

    public static List<WebhookEvent> parse(String event, JsonNode body) {
        if (event == null || event.isBlank()) {
            throw new InputException("X-Gitlab-Event", "header is missing", "deliver through a GitLab webhook");
        }
        Payload p = new Payload(body, HINT);
        return switch (event) {
            case "Push Hook" -> List.of(p.push(repository(p)));
            case "Deployment Hook" -> List.of(deployment(p));
            case "Merge Request Hook" -> List.of(mergeRequest(p));
            // a pipeline is CI, not a deployment: it becomes a trace; deployments come from Deployment Hooks
            case "Pipeline Hook" -> List.of(new WebhookEvent.PipelineSpans(GitLabPipelineHooks.pipelineHook(body)));
            case "Job Hook" -> List.of(new WebhookEvent.PipelineSpans(GitLabPipelineHooks.jobHook(body)));
            default -> List.of(new WebhookEvent.Ignored("event '" + event + "' is not used"));
        };
    }

    private static WebhookEvent deployment(Payload p) {
        String state = p.text("status");
        DeploymentStatus status = switch (state) {
            case "success" -> DeploymentStatus.SUCCEEDED;
            case "failed", "canceled" -> DeploymentStatus.FAILED;
            case "created", "running" -> DeploymentStatus.STARTED;
            default -> throw new InputException("status", "unknown deployment status '" + state + "'", HINT);
        };
        String repo = repository(p);
        // the hook names the commit only in its URL (…/-/commit/<sha>) and as short_sha
        String commitUrl = p.text("commit_url");
        String sha = commitUrl.substring(commitUrl.lastIndexOf('/') + 1);
        if (!sha.matches("[0-9a-f]{7,64}")) {
            throw new InputException("commit_url", "'" + commitUrl + "' does not end in a commit sha", HINT);
        }
        var changedAt = p.time("status_changed_at");
        return new WebhookEvent.DeploymentUpdate("gitlab", repo + "#" + p.text("deployment_id"), repo, null,
                p.text("environment"), p.text("short_sha"), sha, status, changedAt,
                status == DeploymentStatus.STARTED ? null : changedAt, p.optionalText("deployable_url"));
    }

    private static WebhookEvent mergeRequest(Payload p) {
        String action = p.optionalText("object_attributes.action");
        String repo = repository(p);
        if (!"merge".equals(action)) {
            return new WebhookEvent.Ignored("merge request " + action + " without a merge");
        }
        JsonNode squash = p.node("object_attributes.squash_commit_sha");
        String sha = squash != null && squash.isTextual() ? squash.asText() : p.text("object_attributes.merge_commit_sha");
        return new WebhookEvent.PullRequestMerged(repo, p.number("object_attributes.iid"),
                p.optionalText("object_attributes.title"), sha, p.time("object_attributes.created_at"),
                p.time("object_attributes.updated_at"), p.text("object_attributes.source_branch"));
    }

    private static String repository(Payload p) {
        String raw = p.text("project.web_url");
        String url = RepositoryUrl.normalize(raw);
        if (url == null) {
            throw new InputException("project.web_url", "'" + raw + "' is not a repository URL", HINT);
        }
        return url;
    }
}
