package io.shipwatch.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import io.shipwatch.core.TimeWindow;
import io.shipwatch.gate.GateResult;
import io.shipwatch.gate.GateRun;
import io.shipwatch.gate.GateRunStore;
import io.shipwatch.json.Json;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.Query;

/** Gate results in SQLite or PostgreSQL (table gate_results, migration V4); objectives as JSON text. */
public final class JdbcGateRunStore implements GateRunStore {
    private static final TypeReference<List<GateRun.Measured>> MEASURED = new TypeReference<>() { };

    private final Jdbi jdbi;

    public JdbcGateRunStore(Database database) {
        this.jdbi = database.jdbi();
    }

    @Override
    public void save(GateRun run) {
        jdbi.useTransaction(h -> h.createUpdate("INSERT INTO gate_results (id, gate, service, environment, version, "
                        + "deployment_id, result, score, window_start, window_end, evaluated_at, reason, objectives, pass_target, "
                        + "warning_target) VALUES (:id, :gate, :service, :environment, :version, :deploymentId, :result, "
                        + ":score, :windowStart, :windowEnd, :evaluatedAt, :reason, :objectives, :passTarget, :warningTarget)")
                .bind("passTarget", run.passTarget()).bind("warningTarget", run.warningTarget())
                .bind("deploymentId", run.deploymentId())
                .bind("id", run.id()).bind("gate", run.gate()).bind("service", run.service())
                .bind("environment", run.environment()).bind("version", run.version())
                .bind("result", run.result().wireName()).bind("score", run.score())
                .bind("windowStart", run.window().from().toEpochMilli()).bind("windowEnd", run.window().to().toEpochMilli())
                .bind("evaluatedAt", run.evaluatedAt().toEpochMilli()).bind("reason", run.reason())
                .bind("objectives", Json.write(run.objectives()))
                .execute());
    }

    @Override
    public List<GateRun> recent(String gate, String service, String environment, int limit) {
        return jdbi.withHandle(h -> {
            Query q = h.createQuery("SELECT * FROM gate_results WHERE gate = :gate"
                    + (service == null ? "" : " AND service = :service")
                    + (environment == null ? "" : " AND environment = :environment")
                    + " ORDER BY evaluated_at DESC, id DESC LIMIT :limit");
            q.bind("gate", gate).bind("limit", limit);
            if (service != null) {
                q.bind("service", service);
            }
            if (environment != null) {
                q.bind("environment", environment);
            }
            return q.map((rs, ctx) -> row(rs)).list();
        });
    }

    @Override
    public Optional<GateRun> find(String id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM gate_results WHERE id = :id").bind("id", id)
                .map((rs, ctx) -> row(rs)).findOne());
    }

    @Override
    public List<GateRun> verdicts(String service, String gate, String deploymentId, int limit) {
        return jdbi.withHandle(h -> {
            Query q = h.createQuery("SELECT * FROM gate_results WHERE 1 = 1"
                    + (service == null ? "" : " AND service = :service")
                    + (gate == null ? "" : " AND gate = :gate")
                    + (deploymentId == null ? "" : " AND deployment_id = :deploymentId")
                    + " ORDER BY evaluated_at DESC, id DESC LIMIT :limit");
            q.bind("limit", limit);
            if (service != null) {
                q.bind("service", service);
            }
            if (gate != null) {
                q.bind("gate", gate);
            }
            if (deploymentId != null) {
                q.bind("deploymentId", deploymentId);
            }
            return q.map((rs, ctx) -> row(rs)).list();
        });
    }

    @Override
    public List<GateRun> failedFor(Collection<String> deploymentIds) {
        List<String> ids = List.copyOf(deploymentIds);
        List<GateRun> out = new ArrayList<>();
        // in chunks: both databases limit the number of bound parameters
        for (int from = 0; from < ids.size(); from += 500) {
            List<String> chunk = ids.subList(from, Math.min(ids.size(), from + 500));
            out.addAll(jdbi.withHandle(h -> h.createQuery("SELECT * FROM gate_results WHERE result = 'fail' AND "
                            + "deployment_id IN (<ids>) ORDER BY evaluated_at, id")
                    .bindList("ids", chunk).map((rs, ctx) -> row(rs)).list()));
        }
        return out;
    }

    private static GateRun row(ResultSet rs) throws SQLException {
        double score = rs.getDouble("score");
        Double boxed = rs.wasNull() ? null : score;
        List<GateRun.Measured> objectives;
        try {
            objectives = Json.mapper().readValue(rs.getString("objectives"), MEASURED);
        } catch (JsonProcessingException e) {
            throw new SQLException("gate result " + rs.getString("id") + " has unreadable objectives", e);
        }
        return new GateRun(rs.getString("id"), rs.getString("gate"), rs.getString("service"),
                rs.getString("environment"), rs.getString("version"), rs.getString("deployment_id"),
                GateResult.parse(rs.getString("result")), boxed,
                new TimeWindow(Instant.ofEpochMilli(rs.getLong("window_start")),
                        Instant.ofEpochMilli(rs.getLong("window_end"))),
                Instant.ofEpochMilli(rs.getLong("evaluated_at")), rs.getString("reason"), objectives,
                nullableDouble(rs, "pass_target"), nullableDouble(rs, "warning_target"));
    }

    private static Double nullableDouble(ResultSet rs, String column) throws SQLException {
        double v = rs.getDouble(column);
        return rs.wasNull() ? null : v;
    }
}
