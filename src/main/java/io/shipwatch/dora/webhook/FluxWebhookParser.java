package io.shipwatch.dora.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import io.shipwatch.markers.DeploymentStatus;
import java.time.Instant;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Flux notification-controller events, as its {@code generic} and {@code generic-hmac} providers post them (the
 * {@code Event} JSON: involvedObject, severity, reason, message, metadata, timestamp). A Kustomization or HelmRelease
 * reconciling a revision is one deployment of it: {@code Progressing} starts it, a {@code …Succeeded} reason succeeds
 * it, and an {@code error} event (HealthCheckFailed, ProgressingWithRetry, UpgradeFailed…) fails it. Source objects
 * (GitRepository, HelmChart…) only fetch, so their events are ignored.
 */
public final class FluxWebhookParser {
    private static final String HINT = "send the Event the Flux notification-controller posts, unchanged";
    private static final Set<String> DEPLOYED_KINDS = Set.of("Kustomization", "HelmRelease");
    private static final Set<String> SUCCEEDED = Set.of("ReconciliationSucceeded", "InstallSucceeded", "UpgradeSucceeded");

    private FluxWebhookParser() {
    }

    /** The event as a deployment update; {@code environment} when neither the event's metadata nor the URL names one. */
    public static List<WebhookEvent> parse(JsonNode body, String environment) {
        Payload p = new Payload(body, HINT);
        String kind = p.text("involvedObject.kind");
        String name = p.text("involvedObject.name");
        String namespace = p.optionalText("involvedObject.namespace");
        String severity = p.text("severity");
        String reason = p.text("reason");
        Instant at = p.time("timestamp");
        Map<String, String> metadata = metadata(p);
        String object = kind + "/" + (namespace == null ? "" : namespace + "/") + name;
        if (!DEPLOYED_KINDS.contains(kind)) {
            return List.of(new WebhookEvent.Ignored(object + ": a source object fetches, it does not deploy"));
        }
        DeploymentStatus status = "error".equals(severity) ? DeploymentStatus.FAILED
                : SUCCEEDED.contains(reason) ? DeploymentStatus.SUCCEEDED
                : "Progressing".equals(reason) ? DeploymentStatus.STARTED : null;
        if (status == null) {
            return List.of(new WebhookEvent.Ignored(object + ": reason " + reason + " is not a deployment's progress"));
        }
        String revision = metadata.get("revision");
        if (revision == null) {
            return List.of(new WebhookEvent.Ignored(object + ": the event names no revision"));
        }
        GitOpsRevision r = GitOpsRevision.of(revision);
        String service = metadata.getOrDefault("service", name);
        String env = metadata.getOrDefault("environment", metadata.getOrDefault("env", environment));
        return List.of(new WebhookEvent.DeploymentUpdate("flux", object + "@" + revision, null, service, env,
                r.version(), r.sha(), status, at, status == DeploymentStatus.STARTED ? null : at, null));
    }

    /** The metadata, with the API group Flux prefixes its own keys with removed. */
    private static Map<String, String> metadata(Payload p) {
        Map<String, String> out = new HashMap<>();
        JsonNode m = p.node("metadata");
        if (m != null && m.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = m.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                String key = e.getKey().substring(e.getKey().lastIndexOf('/') + 1); // kustomize.toolkit.fluxcd.io/revision
                if (e.getValue().isValueNode() && !e.getValue().asText().isBlank()) {
                    out.putIfAbsent(key, e.getValue().asText());
                }
            }
        }
        return out;
    }
}
