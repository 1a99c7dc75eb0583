package io.shipwatch.dora;

import io.shipwatch.markers.Deployment;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Where incidents are kept and DORA's history is read; implemented in {@code io.shipwatch.store}. */
public interface DoraStore {

    /** The result of {@link #insertIncident}: the stored incident, and whether this call created it. */
    record Saved(Incident incident, boolean created) {
    }

    /**
     * Stores a new incident. When one with the same source and external id exists, returns it untouched
     * (created false), so a repeated notification makes no second incident.
     */
    Saved insertIncident(Incident incident, Instant now);

    Optional<Incident> findIncident(String id);

    /** Finds an incident by where it came from (an Alertmanager fingerprint, a PagerDuty incident id). */
    Optional<Incident> findIncident(String source, String externalId);

    /** Replaces a stored incident's title, severity, resolution time and deployment link. */
    Incident updateIncident(Incident incident, Instant now);

    /** Incidents of the given environments (and services, all when null), newest first, opened before {@code to}. */
    List<Incident> incidents(Set<String> services, Set<String> environments, Instant to, int limit);

    /**
     * Every finished deployment, with its commits, in the given environments (and services, all when null): the
     * history the DORA figures are computed from.
     */
    List<Deployment> history(Set<String> services, Set<String> environments);

    /** For the merge (or squash) commits of known pull requests among the history's commits: the change's start. */
    Map<String, Instant> changeStarts(Set<String> services, Set<String> environments);

    /** The services whose deployments carry the tag {@code team=<team>}. */
    Set<String> servicesTagged(String team);
}
