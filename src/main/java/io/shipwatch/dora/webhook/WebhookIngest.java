package io.shipwatch.dora.webhook;

import io.shipwatch.core.Problems;
import io.shipwatch.dora.DoraService;
import io.shipwatch.dora.Incident;
import io.shipwatch.markers.Commit;
import io.shipwatch.markers.Deployment;
import io.shipwatch.markers.DeploymentChange;
import io.shipwatch.markers.DeploymentKind;
import io.shipwatch.markers.DeploymentQuery;
import io.shipwatch.markers.DeploymentStatus;
import io.shipwatch.markers.MarkerService;
import io.shipwatch.markers.MarkerStore;
import io.shipwatch.pipeline.PipelineService;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Applies parsed webhook events: pushes and merged pull requests are kept for lead time, deployments become markers
 * (with the commits pushed since the previous successful one), alerts and pages become incidents, CI runs and jobs
 * become pipeline spans. Every step is
 * idempotent (keyed by the provider's own ids), and the delivery is remembered last, so a redelivery changes nothing
 * and a delivery cut short is completed by its retry.
 */
public final class WebhookIngest {
    /** How far back the push chain is followed from a deployed commit. */
    static final int MAX_PUSHES = 500;

    /** What a delivery did: whether it was a redelivery, how many events it applied, and why others were ignored. */
    public record Outcome(boolean duplicate, int applied, List<String> ignored) {
    }

    private final WebhookStore store;
    private final MarkerService markers;
    private final DoraService dora;
    private final ServiceMap services;
    private final PipelineService pipelines;
    private final Clock clock;

    public WebhookIngest(WebhookStore store, MarkerService markers, DoraService dora, ServiceMap services,
                         PipelineService pipelines, Clock clock) {
        this.store = store;
        this.pipelines = pipelines;
        this.markers = markers;
        this.dora = dora;
        this.services = services;
        this.clock = clock;
    }

    /** Applies the events of one delivery, unless it was applied before. Names are checked before the first write. */
    public Outcome apply(String source, String deliveryId, String event, List<WebhookEvent> events) {
        if (store.seen(source, deliveryId)) {
            return new Outcome(true, 0, List.of());
        }
        validate(events);
        int applied = 0;
        List<String> ignored = new ArrayList<>();
        for (WebhookEvent e : events) {
            String skipped = applyOne(e);
            if (skipped == null) {
                applied++;
            } else {
                ignored.add(skipped);
            }
        }
        store.recordDelivery(source, deliveryId, event, clock.instant());
        return new Outcome(false, applied, ignored);
    }

    // returns why the event was skipped, or null when it was applied
    private String applyOne(WebhookEvent e) {
        if (e instanceof WebhookEvent.Push push) {
            store.savePush(push, clock.instant());
        } else if (e instanceof WebhookEvent.PullRequestMerged pr) {
            store.savePullRequest(pr, store.firstCommitOn(pr.repositoryUrl(), "refs/heads/" + pr.headRef())
                    .filter(t -> !t.isAfter(pr.mergedAt())).orElse(null));
        } else if (e instanceof WebhookEvent.DeploymentUpdate d) {
            return deployment(d);
        } else if (e instanceof WebhookEvent.IncidentUpdate i) {
            return incident(i);
        } else if (e instanceof WebhookEvent.PipelineSpans p) {
            pipelines.ingestReported(p.spans());
        } else if (e instanceof WebhookEvent.Ignored i) {
            return i.reason();
        }
        return null;
    }

    private static void validate(List<WebhookEvent> events) {
        Problems problems = new Problems();
        for (WebhookEvent e : events) {
            if (e instanceof WebhookEvent.IncidentUpdate i) {
                MarkerService.checkName(problems, "service", i.service());
                MarkerService.checkName(problems, "environment", i.environment());
                MarkerService.checkText(problems, "title", i.title(), 500, true);
            } else if (e instanceof WebhookEvent.DeploymentUpdate d) {
                MarkerService.checkName(problems, "environment", d.environment());
                if (d.service() != null) {
                    MarkerService.checkName(problems, "service", d.service());
                }
            }
        }
        problems.throwIfAny();
    }

    private String incident(WebhookEvent.IncidentUpdate i) {
        var existing = dora.find(i.source(), i.externalId());
        if (existing.isPresent()) {
            if (i.resolvedAt() != null && existing.get().resolvedAt() == null) {
                dora.resolve(existing.get().id(), i.resolvedAt());
            }
            return null;
        }
        if (i.openedAt() == null) {
            return "resolution of incident " + i.externalId() + ", whose start was never seen";
        }
        dora.open(new Incident(null, i.service(), i.environment(), i.title(), i.severity(), i.openedAt(),
                i.resolvedAt(), null, i.source(), i.externalId()));
        return null;
    }

    private String deployment(WebhookEvent.DeploymentUpdate d) {
        String service = d.service();
        if (service == null) {
            Set<String> mapped = services.services(d.repositoryUrl());
            if (mapped.size() > 1) {
                return "deployment of " + d.repositoryUrl() + ", which builds " + String.join(", ", mapped)
                        + ": name the service in the deployment's payload ({\"service\": …})";
            }
            service = mapped.isEmpty() ? d.repositoryUrl().substring(d.repositoryUrl().lastIndexOf('/') + 1)
                    : mapped.iterator().next();
        }
        String key = d.source() + ":deployment:" + d.externalId();
        Deployment draft = new Deployment(null, service, d.environment(), d.version(), d.status(), d.startedAt(),
                d.finishedAt(), d.sha(), d.repositoryUrl(), commitsSincePrevious(service, d), null, d.url(), null,
                null, Map.of(), key, null, null, DeploymentKind.DEPLOY, null);
        MarkerStore.Saved saved = markers.record(draft);
        Deployment current = saved.deployment();
        if (!saved.created() && d.status() != DeploymentStatus.STARTED && current.status() != d.status()
                && current.status() != DeploymentStatus.ROLLED_BACK) {
            // a deployment keeps the time it first finished; a later status (rolled back, failed) changes only its status
            markers.change(current.id(), new DeploymentChange(d.status(),
                    current.finishedAt() == null ? d.finishedAt() : null, null));
        }
        return null;
    }

    /**
     * The commits pushed since the previous successful deployment of the service in that environment, following the
     * pushes back from the deployed commit. A first deployment gets none: never months of history as one change.
     */
    private List<Commit> commitsSincePrevious(String service, WebhookEvent.DeploymentUpdate d) {
        String previous = previousSha(service, d);
        if (previous == null || d.sha() == null || d.repositoryUrl() == null || previous.equals(d.sha())) {
            return List.of();
        }
        List<String> shas = new ArrayList<>();
        Set<String> visited = new HashSet<>();
        String at = d.sha();
        for (int i = 0; i < MAX_PUSHES && visited.add(at); i++) {
            var push = store.pushEndingAt(d.repositoryUrl(), at);
            if (push.isEmpty()) {
                break;
            }
            List<String> added = new ArrayList<>(push.get().commitShas());
            Collections.reverse(added);
            shas.addAll(added);
            if (push.get().before().equals(previous) || added.contains(previous)) {
                break;
            }
            at = push.get().before();
        }
        shas.remove(previous);
        List<WebhookEvent.PushedCommit> known = services.belongingTo(service, d.repositoryUrl(),
                store.commits(d.repositoryUrl(), shas));
        return known.stream().map(c -> new Commit(c.sha(), c.committedAt(), null, firstLine(c.message()))).toList();
    }

    private String previousSha(String service, WebhookEvent.DeploymentUpdate d) {
        Instant before = d.startedAt();
        for (Deployment p : markers.list(new DeploymentQuery(service, d.environment(), null, before, 100, null)).items()) {
            if (p.status() == DeploymentStatus.SUCCEEDED && p.commitSha() != null && p.kind() == DeploymentKind.DEPLOY) {
                return p.commitSha();
            }
        }
        return null;
    }

    private static String firstLine(String message) {
        return message == null ? null : message.lines().findFirst().orElse("");
    }
}
