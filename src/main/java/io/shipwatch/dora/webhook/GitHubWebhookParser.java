package io.shipwatch.dora.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import io.shipwatch.ci.RepositoryUrl;
import io.shipwatch.core.InputException;
import io.shipwatch.markers.DeploymentStatus;
import java.util.List;

/**
 * GitHub webhooks ({@code X-GitHub-Event}): {@code push}, {@code pull_request} (merged), {@code deployment_status},
 * {@code workflow_run} and {@code workflow_job} (as pipeline spans) and {@code ping}. Returns the whole result or
 * throws an {@link InputException} naming the field.
 */
public final class GitHubWebhookParser {
    private static final String HINT = "send the payload GitHub delivers, unchanged";

    private GitHubWebhookParser() {
    }

    public static List<WebhookEvent> parse(String event, JsonNode body) {
        if (event == null || event.isBlank()) {
            throw new InputException("X-GitHub-Event", "header is missing", "deliver through a GitHub webhook");
        }
        Payload p = new Payload(body, HINT);
        return switch (event) {
            case "push" -> List.of(p.push(repository(p)));
            case "pull_request" -> List.of(pullRequest(p));
            case "deployment_status" -> List.of(deploymentStatus(p));
            case "ping" -> List.of(new WebhookEvent.Ignored("ping"));
            // a workflow run is CI, not a deployment: it becomes a trace; deployments come from deployment_status
            case "workflow_run" -> List.of(new WebhookEvent.PipelineSpans(GitHubWorkflowHooks.workflowRun(body)));
            case "workflow_job" -> List.of(new WebhookEvent.PipelineSpans(GitHubWorkflowHooks.workflowJob(body)));
            default -> List.of(new WebhookEvent.Ignored("event '" + event + "' is not used"));
        };
    }

    private static WebhookEvent pullRequest(Payload p) {
        String action = p.text("action");
        String repo = repository(p);
        JsonNode merged = p.node("pull_request.merged");
        if (!"closed".equals(action) || merged == null || !merged.asBoolean()) {
            return new WebhookEvent.Ignored("pull_request " + action + " without a merge");
        }
        return new WebhookEvent.PullRequestMerged(repo, p.number("pull_request.number"),
                p.optionalText("pull_request.title"), p.text("pull_request.merge_commit_sha"),
                p.time("pull_request.created_at"), p.time("pull_request.merged_at"), p.text("pull_request.head.ref"));
    }

    private static WebhookEvent deploymentStatus(Payload p) {
        String state = p.text("deployment_status.state");
        DeploymentStatus status = switch (state) {
            case "success" -> DeploymentStatus.SUCCEEDED;
            case "failure", "error" -> DeploymentStatus.FAILED;
            case "pending", "queued", "in_progress" -> DeploymentStatus.STARTED;
            default -> null; // inactive: GitHub retires an older deployment; nothing happened in production
        };
        String repo = repository(p);
        if (status == null) {
            return new WebhookEvent.Ignored("deployment_status " + state);
        }
        JsonNode service = p.node("deployment.payload.service");
        String sha = p.text("deployment.sha");
        String ref = p.optionalText("deployment.ref");
        return new WebhookEvent.DeploymentUpdate("github", repo + "#" + p.text("deployment.id"), repo,
                service != null && service.isTextual() ? service.asText() : null, p.text("deployment.environment"),
                ref != null && !ref.equals(sha) ? ref + "@" + sha.substring(0, Math.min(7, sha.length())) : sha, sha,
                status, p.time("deployment.created_at"),
                status == DeploymentStatus.STARTED ? null : p.time("deployment_status.created_at"),
                p.optionalText("deployment_status.target_url"));
    }

    private static String repository(Payload p) {
        String url = RepositoryUrl.normalize(p.text("repository.html_url"));
        if (url == null) {
            throw new InputException("repository.html_url", "'" + p.text("repository.html_url")
                    + "' is not a repository URL", HINT);
        }
        return url;
    }
}
