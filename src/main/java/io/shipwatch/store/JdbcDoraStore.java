package io.shipwatch.store;

import io.shipwatch.dora.DoraStore;
import io.shipwatch.dora.Incident;
import io.shipwatch.markers.Commit;
import io.shipwatch.markers.Deployment;
import io.shipwatch.markers.DeploymentKind;
import io.shipwatch.markers.DeploymentStatus;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
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
        // in a transaction: a statement whose reply was lost is never committed after the request failed
        jdbi.useTransaction(h -> h.createUpdate("UPDATE incidents SET title = ?, severity = ?, resolved_at = ?, "
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
    public List<Incident> incidentsBetween(Set<String> services, Set<String> environments, Instant since,
                                           Instant until) {
        String sql = "SELECT " + INCIDENT_COLUMNS + " FROM incidents WHERE environment IN (<envs>)"
                + (services == null ? "" : " AND service IN (<services>)")
                + " AND opened_at < :until AND (resolved_at IS NULL OR resolved_at >= :since)";
        return jdbi.withHandle(h -> bind(h.createQuery(sql), services, environments, since, until)
                .map(JdbcDoraStore::incident).list());
    }

    @Override
    public List<Deployment> history(Set<String> servicesOrAll, Set<String> environments, Instant since, Instant until) {
        return jdbi.withHandle(h -> {
            // every service named: the (service, environment, finished_at) index then serves each one's range, with or
            // without the planner's statistics, instead of a scan of all deployments
            Set<String> services = servicesOrAll != null ? servicesOrAll : new HashSet<>(h.createQuery(
                            "SELECT DISTINCT service FROM deployments WHERE environment IN (<envs>)")
                    .bindList("envs", List.copyOf(environments)).mapTo(String.class).list());
            if (services.isEmpty()) {
                return List.<Deployment>of();
            }
            String filter = filter(services);
            Map<String, List<Commit>> commits = new HashMap<>();
            // no ORDER BY: the order of a deployment's commits changes none of the figures, and sorting is costly
            bind(h.createQuery("SELECT c.deployment_id, c.sha, COALESCE(c.committed_at, c.authored_at) "
                    + "FROM deployments d JOIN deployment_commits c ON c.deployment_id = d.id WHERE " + filter
                    + " AND d.status = 'succeeded' AND d.kind = 'deploy'"), services, environments, since, until)
                    .scanResultSet((supplier, ctx) -> {
                        // a year of history is hundreds of thousands of rows: read them by position, without a mapper
                        try (ResultSet rs = supplier.get()) {
                            while (rs.next()) {
                                long at = rs.getLong(3);
                                Instant time = rs.wasNull() ? null : Instant.ofEpochMilli(at);
                                commits.computeIfAbsent(rs.getString(1), k -> new ArrayList<>(4))
                                        .add(new Commit(rs.getString(2), time));
                            }
                        }
                        return null;
                    });
            return bind(h.createQuery("SELECT d.id, d.service, d.environment, d.version, d.status, d.started_at, "
                    + "d.finished_at, d.commit_sha, d.kind, d.fixes FROM deployments d WHERE " + filter),
                    services, environments, since, until)
                    .map((rs, ctx) -> new Deployment(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            DeploymentStatus.valueOf(rs.getString(5).toUpperCase(Locale.ROOT)),
                            Instant.ofEpochMilli(rs.getLong(6)), Instant.ofEpochMilli(rs.getLong(7)), rs.getString(8),
                            null, commits.getOrDefault(rs.getString(1), List.of()), null, null, null, null, Map.of(),
                            null, null, null, DeploymentKind.valueOf(rs.getString(9).toUpperCase(Locale.ROOT)),
                            rs.getString(10)))
                    .list();
        });
    }

    @Override
    public Map<CommitRef, String> commitMessages(Collection<CommitRef> commits) {
        Map<CommitRef, String> out = new HashMap<>();
        if (commits.isEmpty()) {
            return out;
        }
        jdbi.useHandle(h -> h.createQuery("SELECT deployment_id, sha, message FROM deployment_commits "
                        + "WHERE deployment_id IN (<ids>) AND message IS NOT NULL")
                .bindList("ids", commits.stream().map(CommitRef::deploymentId).distinct().toList())
                .map((rs, ctx) -> new Object[] {new CommitRef(rs.getString(1), rs.getString(2)), rs.getString(3)})
                .forEach(row -> {
                    if (commits.contains((CommitRef) row[0])) {
                        out.put((CommitRef) row[0], (String) row[1]);
                    }
                }));
        return out;
    }

    @Override
    public Map<String, Instant> changeStarts(Set<String> services, Set<String> environments, Instant since,
                                             Instant until) {
        // driven by the (few) pull requests, each looked up by its merge commit's sha
        String sql = "SELECT p.merge_commit_sha, MIN(COALESCE(p.first_commit_at, p.created_at)) AS started "
                + "FROM pull_requests p WHERE EXISTS (SELECT 1 FROM deployment_commits c "
                + "JOIN deployments d ON d.id = c.deployment_id WHERE c.sha = p.merge_commit_sha AND "
                + filter(services) + ") GROUP BY p.merge_commit_sha";
        Map<String, Instant> out = new HashMap<>();
        jdbi.useHandle(h -> bind(h.createQuery(sql), services, environments, since, until)
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
        return "d.environment IN (<envs>)" + (services == null ? "" : " AND d.service IN (<services>)")
                + " AND d.finished_at >= :since AND d.finished_at < :until";
    }

    private static Query bind(Query q, Set<String> services, Set<String> environments, Instant since, Instant until) {
        q.bindList("envs", List.copyOf(environments)).bind("since", since.toEpochMilli()).bind("until", until.toEpochMilli());
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
