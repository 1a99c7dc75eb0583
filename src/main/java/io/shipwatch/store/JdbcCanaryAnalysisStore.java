package io.shipwatch.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import io.shipwatch.gate.CanaryAnalysis;
import io.shipwatch.gate.CanaryAnalysisStore;
import io.shipwatch.json.Json;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.Query;

/** Canary analyses in SQLite or PostgreSQL (table canary_analyses, migration V6); steps and points as JSON text. */
public final class JdbcCanaryAnalysisStore implements CanaryAnalysisStore {
    private static final TypeReference<List<CanaryAnalysis.Step>> STEPS = new TypeReference<>() { };

    private final Jdbi jdbi;

    public JdbcCanaryAnalysisStore(Database database) {
        this.jdbi = database.jdbi();
    }

    @Override
    public void save(CanaryAnalysis a) {
        jdbi.useTransaction(h -> h.createUpdate("INSERT INTO canary_analyses (id, canary, service, environment, version, "
                        + "deployment_id, kind, outcome, reason, score, confidence, started_at, finished_at, detail) "
                        + "VALUES (:id, :canary, :service, :environment, :version, :deploymentId, :kind, :outcome, "
                        + ":reason, :score, :confidence, :startedAt, :finishedAt, :detail)")
                .bind("id", a.id()).bind("canary", a.canary()).bind("service", a.service())
                .bind("environment", a.environment()).bind("version", a.version())
                .bind("deploymentId", a.deploymentId()).bind("kind", a.kind()).bind("outcome", a.outcome())
                .bind("reason", a.reason()).bind("score", a.score()).bind("confidence", a.confidence())
                .bind("startedAt", a.startedAt().toEpochMilli()).bind("finishedAt", a.finishedAt().toEpochMilli())
                .bind("detail", Json.write(a.steps()))
                .execute());
    }

    @Override
    public Optional<CanaryAnalysis> find(String id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM canary_analyses WHERE id = :id").bind("id", id)
                .map((rs, ctx) -> row(rs)).findOne());
    }

    @Override
    public List<CanaryAnalysis> recent(String service, String canary, String deploymentId, int limit) {
        return jdbi.withHandle(h -> {
            Query q = h.createQuery("SELECT * FROM canary_analyses WHERE 1 = 1"
                    + (service == null ? "" : " AND service = :service")
                    + (canary == null ? "" : " AND canary = :canary")
                    + (deploymentId == null ? "" : " AND deployment_id = :deploymentId")
                    + " ORDER BY finished_at DESC, id DESC LIMIT :limit");
            q.bind("limit", limit);
            if (service != null) {
                q.bind("service", service);
            }
            if (canary != null) {
                q.bind("canary", canary);
            }
            if (deploymentId != null) {
                q.bind("deploymentId", deploymentId);
            }
            return q.map((rs, ctx) -> row(rs)).list();
        });
    }

    private static CanaryAnalysis row(ResultSet rs) throws SQLException {
        List<CanaryAnalysis.Step> steps;
        try {
            steps = Json.mapper().readValue(rs.getString("detail"), STEPS);
        } catch (JsonProcessingException e) {
            throw new SQLException("canary analysis " + rs.getString("id") + " has an unreadable detail", e);
        }
        return new CanaryAnalysis(rs.getString("id"), rs.getString("canary"), rs.getString("service"),
                rs.getString("environment"), rs.getString("version"), rs.getString("deployment_id"),
                rs.getString("kind"), rs.getString("outcome"), rs.getString("reason"), nullable(rs, "score"),
                nullable(rs, "confidence"), Instant.ofEpochMilli(rs.getLong("started_at")),
                Instant.ofEpochMilli(rs.getLong("finished_at")), steps);
    }

    private static Double nullable(ResultSet rs, String column) throws SQLException {
        double v = rs.getDouble(column);
        return rs.wasNull() ? null : v;
    }
}
