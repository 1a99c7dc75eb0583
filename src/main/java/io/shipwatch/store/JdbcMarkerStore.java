package io.shipwatch.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import io.shipwatch.json.Json;
import io.shipwatch.markers.Commit;
import io.shipwatch.markers.DeliveryQueue;
import io.shipwatch.markers.DeliveryState;
import io.shipwatch.markers.Deployment;
import io.shipwatch.markers.DeploymentKind;
import io.shipwatch.markers.DeploymentPage;
import io.shipwatch.markers.DeploymentQuery;
import io.shipwatch.markers.DeploymentStatus;
import io.shipwatch.markers.MarkerStore;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.Query;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/** Deployment markers and their delivery outbox in SQLite or PostgreSQL (the same SQL serves both). */
public final class JdbcMarkerStore implements MarkerStore, DeliveryQueue {
    static final String COLUMNS = "id, service, environment, version, status, started_at, finished_at, "
            + "commit_sha, repository_url, pipeline_run_id, pipeline_run_url, actor, description, tags, "
            + "idempotency_key, revision, created_at, updated_at, kind, fixes";

    private final Jdbi jdbi;

    public JdbcMarkerStore(Database database) {
        this.jdbi = database.jdbi();
    }

    @Override
    public Saved insert(Deployment d, List<String> sinks, Instant now) {
        try {
            return jdbi.inTransaction(h -> {
                if (d.idempotencyKey() != null) {
                    Optional<Deployment> existing = findByKey(h, d.idempotencyKey());
                    if (existing.isPresent()) {
                        return new Saved(existing.get(), false);
                    }
                }
                h.createUpdate("INSERT INTO deployments (" + COLUMNS + ") VALUES (:id, :service, :environment, "
                                + ":version, :status, :startedAt, :finishedAt, :commitSha, :repositoryUrl, "
                                + ":pipelineRunId, :pipelineRunUrl, :actor, :description, :tags, :idempotencyKey, 1, "
                                + ":createdAt, :updatedAt, :kind, :fixes)")
                        .bind("id", d.id()).bind("service", d.service()).bind("environment", d.environment())
                        .bind("version", d.version()).bind("status", d.status().wireName())
                        .bind("startedAt", millis(d.startedAt())).bind("finishedAt", millis(d.finishedAt()))
                        .bind("commitSha", d.commitSha()).bind("repositoryUrl", d.repositoryUrl())
                        .bind("pipelineRunId", d.pipelineRunId()).bind("pipelineRunUrl", d.pipelineRunUrl())
                        .bind("actor", d.actor()).bind("description", d.description())
                        .bind("tags", Json.write(new java.util.TreeMap<>(d.tags())))
                        .bind("idempotencyKey", d.idempotencyKey())
                        .bind("createdAt", millis(d.createdAt())).bind("updatedAt", millis(d.updatedAt()))
                        .bind("kind", d.kind().wireName()).bind("fixes", d.fixes())
                        .execute();
                for (int i = 0; i < d.commits().size(); i++) {
                    Commit c = d.commits().get(i);
                    h.createUpdate("INSERT INTO deployment_commits (deployment_id, position, sha, committed_at, "
                                    + "authored_at, message) VALUES (?, ?, ?, ?, ?, ?)")
                            .bind(0, d.id()).bind(1, i).bind(2, c.sha()).bind(3, millis(c.committedAt()))
                            .bind(4, millis(c.authoredAt())).bind(5, c.message()).execute();
                }
                recordStatus(h, d, now);
                for (String sink : sinks) {
                    h.createUpdate("INSERT INTO deliveries (deployment_id, sink, wanted_revision, next_attempt_at) "
                                    + "VALUES (?, ?, 1, ?)")
                            .bind(0, d.id()).bind(1, sink).bind(2, millis(now)).execute();
                }
                return new Saved(d, true);
            });
        } catch (UnableToExecuteStatementException e) {
            // Two servers raced with one idempotency key: the loser answers with the winner's record.
            if (d.idempotencyKey() != null && isUniqueViolation(e)) {
                Optional<Deployment> winner = jdbi.withHandle(h -> findByKey(h, d.idempotencyKey()));
                if (winner.isPresent()) {
                    return new Saved(winner.get(), false);
                }
            }
            throw e;
        }
    }

    @Override
    public Optional<Deployment> find(String id) {
        return jdbi.withHandle(h -> {
            Optional<Deployment> found = h.createQuery("SELECT " + COLUMNS + " FROM deployments WHERE id = ?")
                    .bind(0, id).map(JdbcMarkerStore::deployment).findOne();
            return found.map(d -> withCommits(h, List.of(d)).get(0));
        });
    }

    @Override
    public Deployment update(Deployment d, Instant now) {
        return jdbi.inTransaction(h -> {
            String before = h.createQuery("SELECT status FROM deployments WHERE id = ?").bind(0, d.id())
                    .mapTo(String.class).one();
            h.createUpdate("UPDATE deployments SET status = ?, finished_at = ?, description = ?, updated_at = ?, "
                            + "revision = revision + 1 WHERE id = ?")
                    .bind(0, d.status().wireName()).bind(1, millis(d.finishedAt())).bind(2, d.description())
                    .bind(3, millis(now)).bind(4, d.id()).execute();
            if (!before.equals(d.status().wireName())) {
                recordStatus(h, d, now);
            }
            h.createUpdate("UPDATE deliveries SET wanted_revision = (SELECT revision FROM deployments WHERE id = ?), "
                            + "attempts = 0, next_attempt_at = ? WHERE deployment_id = ?")
                    .bind(0, d.id()).bind(1, millis(now)).bind(2, d.id()).execute();
            return d;
        });
    }

    @Override
    public DeploymentPage list(DeploymentQuery q) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM deployments WHERE 1 = 1");
        Map<String, Object> args = new HashMap<>();
        if (q.service() != null) {
            sql.append(" AND service = :service");
            args.put("service", q.service());
        }
        if (q.environment() != null) {
            sql.append(" AND environment = :environment");
            args.put("environment", q.environment());
        }
        if (q.to() != null) {
            sql.append(" AND started_at < :to");
            args.put("to", millis(q.to()));
        }
        if (q.from() != null) {
            sql.append(" AND COALESCE(finished_at, started_at) >= :from");
            args.put("from", millis(q.from()));
        }
        if (q.cursor() != null) {
            sql.append(" AND (started_at < :cursorTime OR (started_at = :cursorTime AND id < :cursorId))");
            args.put("cursorTime", millis(q.cursor().startedAt()));
            args.put("cursorId", q.cursor().id());
        }
        sql.append(" ORDER BY started_at DESC, id DESC LIMIT :limit");
        args.put("limit", q.limit() + 1);
        return jdbi.withHandle(h -> {
            Query query = h.createQuery(sql.toString());
            args.forEach(query::bind);
            List<Deployment> rows = query.map(JdbcMarkerStore::deployment).list();
            DeploymentQuery.Cursor next = null;
            if (rows.size() > q.limit()) {
                rows = rows.subList(0, q.limit());
                Deployment last = rows.get(rows.size() - 1);
                next = new DeploymentQuery.Cursor(last.startedAt(), last.id());
            }
            return new DeploymentPage(withCommits(h, rows), next);
        });
    }

    @Override
    public List<ServiceSummary> services() {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM deployments d WHERE id = ("
                        + "SELECT id FROM deployments n WHERE n.service = d.service AND n.environment = d.environment "
                        + "ORDER BY started_at DESC, id DESC LIMIT 1) ORDER BY service, environment")
                .map(JdbcMarkerStore::deployment)
                .map(d -> new ServiceSummary(d.service(), d.environment(), d))
                .list());
    }

    @Override
    public List<StatusCount> statusCounts() {
        return jdbi.withHandle(h -> h.createQuery("SELECT service, environment, status, COUNT(*) AS n "
                        + "FROM deployment_status_changes GROUP BY service, environment, status "
                        + "ORDER BY service, environment, status")
                .map((rs, ctx) -> new StatusCount(rs.getString("service"), rs.getString("environment"),
                        status(rs.getString("status")), rs.getLong("n")))
                .list());
    }

    @Override
    public List<DeliveryState> deliveries(String deploymentId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM deliveries WHERE deployment_id = ? ORDER BY sink")
                .bind(0, deploymentId)
                .map((rs, ctx) -> {
                    long wanted = rs.getLong("wanted_revision");
                    int attempts = rs.getInt("attempts");
                    String state = rs.getLong("delivered_revision") >= wanted ? DeliveryState.DELIVERED
                            : rs.getLong("abandoned_revision") >= wanted ? DeliveryState.FAILED
                            : attempts > 0 ? DeliveryState.RETRYING : DeliveryState.PENDING;
                    boolean due = state.equals(DeliveryState.PENDING) || state.equals(DeliveryState.RETRYING);
                    return new DeliveryState(rs.getString("sink"), state, attempts,
                            instant(rs, "last_attempt_at"), due ? instant(rs, "next_attempt_at") : null,
                            instant(rs, "delivered_at"), rs.getString("last_error"));
                })
                .list());
    }

    @Override
    public List<Task> claimDue(String owner, Instant now, Duration lease, int max) {
        long nowMs = millis(now);
        List<String[]> candidates = jdbi.withHandle(h -> h.createQuery("SELECT deployment_id, sink FROM deliveries "
                        + "WHERE delivered_revision < wanted_revision AND abandoned_revision < wanted_revision "
                        + "AND next_attempt_at <= :now AND (lease_until IS NULL OR lease_until < :now) "
                        + "ORDER BY next_attempt_at LIMIT :max")
                .bind("now", nowMs).bind("max", max)
                .map((rs, ctx) -> new String[] {rs.getString(1), rs.getString(2)})
                .list());
        List<Task> claimed = new ArrayList<>();
        for (String[] c : candidates) {
            // The conditional update is the claim: of two servers racing for a row, exactly one sees a count of 1.
            int won = jdbi.withHandle(h -> h.createUpdate("UPDATE deliveries SET lease_owner = :owner, "
                            + "lease_until = :until WHERE deployment_id = :id AND sink = :sink "
                            + "AND delivered_revision < wanted_revision AND (lease_until IS NULL OR lease_until < :now)")
                    .bind("owner", owner).bind("until", millis(now.plus(lease))).bind("now", nowMs)
                    .bind("id", c[0]).bind("sink", c[1]).execute());
            if (won == 1) {
                claimed.add(loadTask(c[0], c[1]));
            }
        }
        return claimed;
    }

    private Task loadTask(String deploymentId, String sink) {
        return jdbi.withHandle(h -> {
            Deployment d = find(deploymentId).orElseThrow();
            long revision = h.createQuery("SELECT revision FROM deployments WHERE id = ?").bind(0, deploymentId)
                    .mapTo(Long.class).one();
            return h.createQuery("SELECT attempts, external_ref FROM deliveries WHERE deployment_id = ? AND sink = ?")
                    .bind(0, deploymentId).bind(1, sink)
                    .map((rs, ctx) -> new Task(d, revision, sink, rs.getInt(1), rs.getString(2)))
                    .one();
        });
    }

    @Override
    public void delivered(Task task, String owner, String externalRef, Instant now) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE deliveries SET delivered_revision = :revision, "
                        + "external_ref = :ref, delivered_at = :now, last_attempt_at = :now, attempts = 0, "
                        + "last_error = NULL, lease_owner = NULL, lease_until = NULL "
                        + "WHERE deployment_id = :id AND sink = :sink AND lease_owner = :owner")
                .bind("revision", task.revision()).bind("ref", externalRef).bind("now", millis(now))
                .bind("id", task.deployment().id()).bind("sink", task.sink()).bind("owner", owner)
                .execute());
    }

    @Override
    public void failed(Task task, String owner, String error, Instant nextAttemptAt, Instant now) {
        String abandon = nextAttemptAt == null ? ", abandoned_revision = :revision" : "";
        jdbi.useHandle(h -> h.createUpdate("UPDATE deliveries SET attempts = attempts + 1, last_error = :error, "
                        + "last_attempt_at = :now, next_attempt_at = :next, lease_owner = NULL, lease_until = NULL"
                        + abandon + " WHERE deployment_id = :id AND sink = :sink AND lease_owner = :owner")
                .bind("error", truncate(error, 1000)).bind("now", millis(now))
                .bind("next", millis(nextAttemptAt == null ? now : nextAttemptAt)).bind("revision", task.revision())
                .bind("id", task.deployment().id()).bind("sink", task.sink()).bind("owner", owner)
                .execute());
    }

    private static void recordStatus(Handle h, Deployment d, Instant now) {
        h.createUpdate("INSERT INTO deployment_status_changes (deployment_id, service, environment, status, changed_at) "
                        + "VALUES (?, ?, ?, ?, ?)")
                .bind(0, d.id()).bind(1, d.service()).bind(2, d.environment()).bind(3, d.status().wireName())
                .bind(4, millis(now)).execute();
    }

    private static Optional<Deployment> findByKey(Handle h, String key) {
        return h.createQuery("SELECT " + COLUMNS + " FROM deployments WHERE idempotency_key = ?")
                .bind(0, key).map(JdbcMarkerStore::deployment).findOne()
                .map(d -> withCommits(h, List.of(d)).get(0));
    }

    static List<Deployment> withCommits(Handle h, List<Deployment> deployments) {
        if (deployments.isEmpty()) {
            return deployments;
        }
        Map<String, List<Commit>> commits = new HashMap<>();
        h.createQuery("SELECT deployment_id, sha, committed_at, authored_at, message FROM deployment_commits "
                        + "WHERE deployment_id IN (<ids>) ORDER BY deployment_id, position")
                .bindList("ids", deployments.stream().map(Deployment::id).toList())
                .map((rs, ctx) -> {
                    commits.computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
                            .add(new Commit(rs.getString(2), instant(rs, "committed_at"), instant(rs, "authored_at"),
                                    rs.getString("message")));
                    return 0;
                })
                .list();
        List<Deployment> out = new ArrayList<>(deployments.size());
        for (Deployment d : deployments) {
            List<Commit> cs = commits.get(d.id());
            out.add(cs == null ? d : d.withCommits(cs));
        }
        return out;
    }

    static Deployment deployment(ResultSet rs, StatementContext ctx) throws SQLException {
        return new Deployment(rs.getString("id"), rs.getString("service"), rs.getString("environment"),
                rs.getString("version"), status(rs.getString("status")), instant(rs, "started_at"),
                instant(rs, "finished_at"), rs.getString("commit_sha"), rs.getString("repository_url"), List.of(),
                rs.getString("pipeline_run_id"), rs.getString("pipeline_run_url"), rs.getString("actor"),
                rs.getString("description"), tags(rs.getString("tags")), rs.getString("idempotency_key"),
                instant(rs, "created_at"), instant(rs, "updated_at"),
                DeploymentKind.valueOf(rs.getString("kind").toUpperCase(Locale.ROOT)), rs.getString("fixes"));
    }

    private static DeploymentStatus status(String wire) {
        return DeploymentStatus.valueOf(wire.toUpperCase(Locale.ROOT));
    }

    private static Map<String, String> tags(String json) {
        try {
            return Json.mapper().readValue(json, new TypeReference<LinkedHashMap<String, String>>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored tags are not a JSON object: " + json, e);
        }
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : Instant.ofEpochMilli(v);
    }

    static Long millis(Instant t) {
        return t == null ? null : t.toEpochMilli();
    }

    private static boolean isUniqueViolation(Exception e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s && ("23505".equals(s.getSQLState())
                    || String.valueOf(s.getMessage()).contains("UNIQUE constraint failed"))) {
                return true;
            }
        }
        return false;
    }

    private static String truncate(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
