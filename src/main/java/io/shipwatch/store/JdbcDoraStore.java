package io.shipwatch.store;

import io.shipwatch.dora.DoraStore;
import io.shipwatch.dora.Incident;
import io.shipwatch.markers.Commit;
import io.shipwatch.markers.Deployment;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.Query;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/** Incidents and the DORA history in SQLite or PostgreSQL (the same SQL serves both). */
public final class JdbcDoraStore implements DoraStore {
    private static final String INCIDENT_COLUMNS = "id, service, environment, title, severity, opened_at, resolved_at, "
            + "deployment_id, source, external_id";

    private final Jdbi jdbi;

    public JdbcDoraStore(Database database) {
        this.jdbi = database.jdbi();
    }

    @Override
    public Saved insertIncident(Incident i, Instant now) {
        try {
            return jdbi.inTransaction(h -> {
                if (i.externalId() != null) {
                    Optional<Incident> existing = findBySource(h, i.source(), i.externalId());
                    if (existing.isPresent()) {
                        return new Saved(existing.get(), false);
                    }
                }
                h.createUpdate("INSERT INTO incidents (" + INCIDENT_COLUMNS + ", created_at, updated_at) VALUES (:id, "
                                + ":service, :environment, :title, :severity, :openedAt, :resolvedAt, :deploymentId, "
                                + ":source, :externalId, :now, :now)")
                        .bind("id", i.id()).bind("service", i.service()).bind("environment", i.environment())
                        .bind("title", i.title()).bind("severity", i.severity())
                        .bind("openedAt", JdbcMarkerStore.millis(i.openedAt()))
                        .bind("resolvedAt", JdbcMarkerStore.millis(i.resolvedAt()))
                        .bind("deploymentId", i.deploymentId()).bind("source", i.source())
                        .bind("externalId", i.externalId()).bind("now", JdbcMarkerStore.millis(now))
                        .execute();
                return new Saved(i, true);
            });
        } catch (UnableToExecuteStatementException e) {
            // two servers raced with one notification: the loser answers with the winner's incident
            Optional<Incident> winner = i.externalId() == null ? Optional.empty() : findIncident(i.source(), i.externalId());
            if (winner.isPresent()) {
                return new Saved(winner.get(), false);
            }
            throw e;
        }
    }

    @Override
    public Optional<Incident> findIncident(String id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + INCIDENT_COLUMNS + " FROM incidents WHERE id = ?")
                .bind(0, id).map(JdbcDoraStore::incident).findOne());
    }

    @Override
    public Optional<Incident> findIncident(String source, String externalId) {
        return jdbi.withHandle(h -> findBySource(h, source, externalId));
    }

    private static Optional<Incident> findBySource(Handle h, String source, String externalId) {
        return h.createQuery("SELECT " + INCIDENT_COLUMNS + " FROM incidents WHERE source = ? AND external_id = ?")
                .bind(0, source).bind(1, externalId).map(JdbcDoraStore::incident).findOne();
    }

    @Override
    public Incident updateIncident(Incident i, Instant now) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE incidents SET title = ?, severity = ?, resolved_at = ?, "
                        + "deployment_id = ?, updated_at = ? WHERE id = ?")
                .bind(0, i.title()).bind(1, i.severity()).bind(2, JdbcMarkerStore.millis(i.resolvedAt()))
                .bind(3, i.deploymentId()).bind(4, JdbcMarkerStore.millis(now)).bind(5, i.id()).execute());
        return i;
    }

    @Override
    public List<Incident> incidents(Set<String> services, Set<String> environments, Instant to, int limit) {
        StringBuilder sql = new StringBuilder("SELECT " + INCIDENT_COLUMNS + " FROM incidents WHERE environment IN (<envs>)");
        if (services != null) {
            sql.append(" AND service IN (<services>)");
        }
        if (to != null) {
            sql.append(" AND opened_at < :to");
        }
        sql.append(" ORDER BY opened_at DESC, id DESC LIMIT :limit");
        return jdbi.withHandle(h -> {
            Query q = h.createQuery(sql.toString()).bindList("envs", List.copyOf(environments)).bind("limit", limit);
            if (services != null) {
                q.bindList("services", List.copyOf(services));
            }
            if (to != null) {
                q.bind("to", JdbcMarkerStore.millis(to));
            }
            return q.map(JdbcDoraStore::incident).list();
        });
    }

    @Override
    public List<Deployment> history(Set<String> services, Set<String> environments) {
        String filter = filter(services);
        return jdbi.withHandle(h -> {
            List<Deployment> deployments = bind(h.createQuery("SELECT " + JdbcMarkerStore.COLUMNS
                    + " FROM deployments d WHERE " + filter), services, environments)
                    .map(JdbcMarkerStore::deployment).list();
            Map<String, List<Commit>> commits = new HashMap<>();
            // one join instead of an IN list of every deployment id: a year of history has hundreds of thousands
            bind(h.createQuery("SELECT c.deployment_id, c.sha, c.committed_at, c.authored_at, c.message "
                    + "FROM deployment_commits c JOIN deployments d ON d.id = c.deployment_id WHERE " + filter
                    + " ORDER BY c.deployment_id, c.position"), services, environments)
                    .map((rs, ctx) -> {
                        commits.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(new Commit(rs.getString(2),
                                JdbcMarkerStore.instant(rs, "committed_at"), JdbcMarkerStore.instant(rs, "authored_at"),
                                rs.getString("message")));
                        return 0;
                    })
                    .forEach(x -> { });
            List<Deployment> out = new ArrayList<>(deployments.size());
            for (Deployment d : deployments) {
                List<Commit> cs = commits.get(d.id());
                out.add(cs == null ? d : d.withCommits(cs));
            }
            return out;
        });
    }

    @Override
    public Map<String, Instant> changeStarts(Set<String> services, Set<String> environments) {
        String sql = "SELECT p.merge_commit_sha, MIN(COALESCE(p.first_commit_at, p.created_at)) AS started "
                + "FROM pull_requests p WHERE p.merge_commit_sha IN (SELECT c.sha FROM deployment_commits c "
                + "JOIN deployments d ON d.id = c.deployment_id WHERE " + filter(services) + ") "
                + "GROUP BY p.merge_commit_sha";
        Map<String, Instant> out = new HashMap<>();
        jdbi.useHandle(h -> bind(h.createQuery(sql), services, environments)
                .map((rs, ctx) -> out.put(rs.getString(1), Instant.ofEpochMilli(rs.getLong(2))))
                .forEach(x -> { }));
        return out;
    }

    @Override
    public Set<String> servicesTagged(String team) {
        // tags are stored as sorted compact JSON, so the pair appears exactly like this
        String pair = "%" + io.shipwatch.json.Json.write(Map.of("team", team)).replaceAll("^\\{|}$", "") + "%";
        return new HashSet<>(jdbi.withHandle(h -> h.createQuery("SELECT DISTINCT service FROM deployments WHERE tags LIKE ?")
                .bind(0, pair).mapTo(String.class).list()));
    }

    private static String filter(Set<String> services) {
        return "d.finished_at IS NOT NULL AND d.environment IN (<envs>)"
                + (services == null ? "" : " AND d.service IN (<services>)");
    }

    private static Query bind(Query q, Set<String> services, Set<String> environments) {
        q.bindList("envs", List.copyOf(environments));
        if (services != null) {
            q.bindList("services", List.copyOf(services));
        }
        return q;
    }

    private static Incident incident(ResultSet rs, StatementContext ctx) throws SQLException {
        return new Incident(rs.getString("id"), rs.getString("service"), rs.getString("environment"),
                rs.getString("title"), rs.getString("severity"), JdbcMarkerStore.instant(rs, "opened_at"),
                JdbcMarkerStore.instant(rs, "resolved_at"), rs.getString("deployment_id"), rs.getString("source"),
                rs.getString("external_id"));
    }
}
