package io.shipwatch.dora.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import io.shipwatch.ci.RepositoryUrl;
import io.shipwatch.markers.DeploymentStatus;
import java.time.Instant;
import java.util.List;

/**
 * Argo CD notifications sent by its {@code webhook} service with the template the README recommends: the
 * application's name, revision, operation phase, health and times, as flat JSON. One sync operation of a revision is
 * one deployment: {@code Running} starts it, {@code Succeeded} and {@code Healthy} succeeds it, {@code Failed} or
 * {@code Error}, or health {@code Degraded}, fails it. A synced application not yet healthy is still deploying.
 */
public final class ArgoCdWebhookParser {
    private static final String HINT = "send the JSON of the template in the README (template.shipwatch-deployment)";

    private ArgoCdWebhookParser() {
    }

    /** The notification as a deployment update; {@code environment} when the template names none. */
    public static List<WebhookEvent> parse(JsonNode body, String environment) {
        Payload p = new Payload(body, HINT);
        String app = p.text("app");
        String revision = field(p, "revision");
        String phase = field(p, "phase");
        String health = field(p, "health");
        if (revision == null || phase == null) {
            return List.of(new WebhookEvent.Ignored("application " + app + ": no sync operation (revision and phase)"));
        }
        DeploymentStatus status = switch (phase) {
            case "Failed", "Error" -> DeploymentStatus.FAILED;
            case "Running", "Terminating" -> DeploymentStatus.STARTED;
            case "Succeeded" -> "Healthy".equals(health) ? DeploymentStatus.SUCCEEDED
                    : "Degraded".equals(health) ? DeploymentStatus.FAILED : DeploymentStatus.STARTED;
            default -> null;
        };
        if (status == null) {
            return List.of(new WebhookEvent.Ignored("application " + app + ": unknown phase '" + phase + "'"));
        }
        if ("Degraded".equals(health)) {
            status = DeploymentStatus.FAILED; // on-health-degraded after the sync: the deployment broke the app
        }
        Instant startedAt = time(p, "startedAt");
        Instant finishedAt = status == DeploymentStatus.STARTED ? null : time(p, "finishedAt");
        GitOpsRevision r = GitOpsRevision.of(revision);
        String version = field(p, "version");
        String repoUrl = field(p, "repoURL");
        String service = field(p, "service");
        String env = field(p, "environment");
        return List.of(new WebhookEvent.DeploymentUpdate("argocd",
                app + "@" + revision + (startedAt == null ? "" : "@" + startedAt), repoUrl == null ? null
                : RepositoryUrl.normalize(repoUrl), service == null ? app : service, env == null ? environment : env,
                version == null ? r.version() : version, r.sha(), status, startedAt,
                finishedAt == null && status != DeploymentStatus.STARTED ? startedAt : finishedAt, field(p, "url")));
    }

    /** A template's field, or null when empty or missing: Go templates write "<no value>" for a missing field. */
    private static String field(Payload p, String name) {
        String value = p.optionalText(name);
        return value == null || value.isBlank() || value.equals("<no value>") ? null : value.trim();
    }

    private static Instant time(Payload p, String name) {
        String value = field(p, name);
        return value == null ? null : Payload.parseTime(value, name, HINT);
    }
}
