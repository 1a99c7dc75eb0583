package io.shipwatch.dora;

import io.shipwatch.core.ConflictException;
import io.shipwatch.core.InputException;
import io.shipwatch.core.NotFoundException;
import io.shipwatch.core.Problems;
import io.shipwatch.markers.MarkerService;
import io.shipwatch.markers.MarkerStore;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * Records incidents and answers DORA reports: reads the history from the store, adds failed gates and canaries from
 * the {@link ChangeFailureSource}s, and hands it to {@link DoraCalculator}. Validation happens before any write.
 */
public final class DoraService {
    private final DoraStore store;
    private final MarkerStore markers;
    private final List<ChangeFailureSource> failureSources;
    private final DoraSettings settings;
    private final Map<String, String> teams;
    private final Clock clock;

    /** {@code teams} maps a service to its team (from the config); deployments tagged {@code team} add to it. */
    public DoraService(DoraStore store, MarkerStore markers, List<ChangeFailureSource> failureSources,
                       DoraSettings settings, Map<String, String> teams, Clock clock) {
        this.store = store;
        this.markers = markers;
        this.failureSources = List.copyOf(failureSources);
        this.settings = settings;
        this.teams = Map.copyOf(teams);
        this.clock = clock;
    }

    public DoraSettings settings() {
        return settings;
    }

    /** The report for {@code query}; an environment that is not production is refused, naming the configured ones. */
    public DoraReport report(DoraQuery query) {
        Set<String> environments = settings.productionEnvironments();
        if (query.environment() != null) {
            if (!settings.isProduction(query.environment())) {
                throw new InputException("environment", "'" + query.environment() + "' is not a production environment",
                        "DORA counts production only; configured: " + String.join(", ",
                                new TreeSet<>(environments)) + " (dora.productionEnvironments)");
            }
            environments = Set.of(query.environment());
        }
        Set<String> services = services(query);
        if (services != null && services.isEmpty()) {
            return new DoraCalculator(new DoraInput(List.of(), List.of(), List.of(), Map.of()), settings)
                    .report(query.window());
        }
        var deployments = store.history(services, environments);
        List<String> ids = deployments.stream().map(d -> d.id()).toList();
        List<FailedCheck> checks = new ArrayList<>();
        failureSources.forEach(source -> checks.addAll(source.failedChecks(ids)));
        List<Incident> incidents = store.incidents(services, environments, null, Integer.MAX_VALUE);
        DoraInput input = new DoraInput(deployments, incidents, checks, store.changeStarts(services, environments));
        return new DoraCalculator(input, settings).report(query.window());
    }

    // null: every service
    private Set<String> services(DoraQuery query) {
        Set<String> services = null;
        if (query.team() != null) {
            services = new HashSet<>(store.servicesTagged(query.team()));
            for (Map.Entry<String, String> e : teams.entrySet()) {
                if (e.getValue().equals(query.team())) {
                    services.add(e.getKey());
                }
            }
        }
        if (query.service() != null) {
            if (services != null && !services.contains(query.service())) {
                return Set.of();
            }
            return Set.of(query.service());
        }
        return services;
    }

    /** Records an incident; {@code draft}'s id is ignored, a missing openedAt is now. */
    public DoraStore.Saved open(Incident draft) {
        Instant now = now();
        Problems problems = new Problems();
        MarkerService.checkName(problems, "service", draft.service());
        MarkerService.checkName(problems, "environment", draft.environment());
        MarkerService.checkText(problems, "title", draft.title(), 500, true);
        MarkerService.checkText(problems, "severity", draft.severity(), 64, false);
        Instant opened = draft.openedAt() == null ? now : draft.openedAt().truncatedTo(ChronoUnit.MILLIS);
        Instant resolved = draft.resolvedAt() == null ? null : draft.resolvedAt().truncatedTo(ChronoUnit.MILLIS);
        if (resolved != null && resolved.isBefore(opened)) {
            problems.add("resolvedAt", "'" + resolved + "' is before openedAt '" + opened + "'",
                    "an incident is resolved after it opens");
        }
        checkDeployment(problems, draft);
        problems.throwIfAny();
        Incident incident = new Incident(UUID.randomUUID().toString(), draft.service(), draft.environment(),
                draft.title(), blankToNull(draft.severity()), opened, resolved, blankToNull(draft.deploymentId()),
                draft.source() == null ? "api" : draft.source(), draft.externalId());
        return store.insertIncident(incident, now);
    }

    /** Resolves an open incident at {@code resolvedAt} (now when null); resolving it again is a conflict. */
    public Incident resolve(String id, Instant resolvedAt) {
        Incident current = get(id);
        Instant resolved = resolvedAt == null ? now() : resolvedAt.truncatedTo(ChronoUnit.MILLIS);
        if (resolved.isBefore(current.openedAt())) {
            throw new InputException("resolvedAt", "'" + resolved + "' is before the incident opened at '"
                    + current.openedAt() + "'", "an incident is resolved after it opens");
        }
        if (current.resolvedAt() != null) {
            if (current.resolvedAt().equals(resolved) || resolvedAt == null) {
                return current; // a repeated resolve changes nothing
            }
            throw new ConflictException("resolvedAt", "incident " + id + " was already resolved at "
                    + current.resolvedAt(), "open a new incident if it broke again");
        }
        return store.updateIncident(new Incident(current.id(), current.service(), current.environment(),
                current.title(), current.severity(), current.openedAt(), resolved, current.deploymentId(),
                current.source(), current.externalId()), now());
    }

    /** The incident a provider knows as {@code externalId}, if it was recorded. */
    public java.util.Optional<Incident> find(String source, String externalId) {
        return store.findIncident(source, externalId);
    }

    public Incident get(String id) {
        return store.findIncident(id).orElseThrow(() -> new NotFoundException("id", "no incident '" + id + "'",
                "list incidents with GET /api/v1/incidents"));
    }

    /** The newest incidents of a service (all when null) in the production environments. */
    public List<Incident> list(String service, Instant before, int limit) {
        return store.incidents(service == null ? null : Set.of(service), settings.productionEnvironments(), before, limit);
    }

    private void checkDeployment(Problems problems, Incident draft) {
        String id = blankToNull(draft.deploymentId());
        if (id == null) {
            return;
        }
        var deployment = markers.find(id);
        if (deployment.isEmpty()) {
            problems.add("deploymentId", "no deployment '" + id + "'", "give the id of the deployment that caused it");
        } else if (!deployment.get().service().equals(draft.service())) {
            problems.add("deploymentId", "deployment '" + id + "' is of " + deployment.get().service() + ", not "
                    + draft.service(), "link an incident to a deployment of its own service");
        }
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
