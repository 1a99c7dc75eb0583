package io.shipwatch.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import io.shipwatch.json.Json;
import io.shipwatch.pipeline.PipelineSpan;
import io.shipwatch.pipeline.PipelineStore;
import io.shipwatch.pipeline.PipelineSummary;
import io.shipwatch.pipeline.RunSummary;
import io.shipwatch.pipeline.SpanLink;
import io.shipwatch.pipeline.SpanStatus;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.StatementContext;

/** Pipeline spans and run summaries in SQLite or PostgreSQL (the same SQL serves both). */
public final class JdbcPipelineStore implements PipelineStore {
    private static final String SPAN_COLUMNS = "trace_id, span_id, parent_span_id, name, start_unix_nano, "
            + "end_unix_nano, status, status_message, attributes, links";
    private static final String RUN_COLUMNS = "trace_id, pipeline, root_span_id, run_id, attempt, started_at, "
            + "finished_at, duration_ms, status, result, commit_sha, repository_url, bottleneck, span_count";
    private static final TypeReference<LinkedHashMap<String, Object>> ATTRIBUTES = new TypeReference<>() { };
    private static final TypeReference<List<SpanLink>> LINKS = new TypeReference<>() { };

    private final Jdbi jdbi;

    public JdbcPipelineStore(Database database) {
        this.jdbi = database.jdbi();
    }

    @Override
    public void save(List<PipelineSpan> spans, long receivedAtMillis) {
        if (spans.isEmpty()) {
            return;
        }
        jdbi.useTransaction(h -> {
            // INSERT ... ON CONFLICT DO UPDATE: SQLite 3.24+ and PostgreSQL 9.5+ spell it alike
            PreparedBatch batch = h.prepareBatch("INSERT INTO pipeline_spans (" + SPAN_COLUMNS + ", received_at) "
                    + "VALUES (:traceId, :spanId, :parentSpanId, :name, :start, :end, :status, :message, :attributes, "
                    + ":links, :receivedAt) ON CONFLICT (trace_id, span_id) DO UPDATE SET "
                    + "parent_span_id = excluded.parent_span_id, name = excluded.name, "
                    + "start_unix_nano = excluded.start_unix_nano, end_unix_nano = excluded.end_unix_nano, "
                    + "status = excluded.status, status_message = excluded.status_message, "
                    + "attributes = excluded.attributes, links = excluded.links, received_at = excluded.received_at");
            Set<String> traces = new LinkedHashSet<>();
            for (PipelineSpan s : spans) {
                traces.add(s.traceId());
                batch.bind("traceId", s.traceId()).bind("spanId", s.spanId()).bind("parentSpanId", s.parentSpanId())
                        .bind("name", s.name()).bind("start", s.startNanos()).bind("end", s.endNanos())
                        .bind("status", s.status().wireName()).bind("message", s.statusMessage())
                        .bind("attributes", Json.write(s.attributes())).bind("links", Json.write(s.links()))
                        .bind("receivedAt", receivedAtMillis).add();
            }
            batch.execute();
            for (String traceId : traces) {
                saveRun(h, RunSummary.of(spans(h, traceId)), receivedAtMillis);
            }
        });
    }

    private static void saveRun(Handle h, RunSummary r, long now) {
        h.createUpdate("INSERT INTO pipeline_runs (" + RUN_COLUMNS + ", updated_at) VALUES (:traceId, :pipeline, "
                        + ":root, :runId, :attempt, :startedAt, :finishedAt, :duration, :status, :result, :commit, "
                        + ":repo, :bottleneck, :spanCount, :now) ON CONFLICT (trace_id) DO UPDATE SET "
                        + "pipeline = excluded.pipeline, root_span_id = excluded.root_span_id, run_id = excluded.run_id, "
                        + "attempt = excluded.attempt, started_at = excluded.started_at, "
                        + "finished_at = excluded.finished_at, duration_ms = excluded.duration_ms, "
                        + "status = excluded.status, result = excluded.result, commit_sha = excluded.commit_sha, "
                        + "repository_url = excluded.repository_url, bottleneck = excluded.bottleneck, "
                        + "span_count = excluded.span_count, updated_at = excluded.updated_at")
                .bind("traceId", r.traceId()).bind("pipeline", r.pipeline()).bind("root", r.rootSpanId())
                .bind("runId", r.runId()).bind("attempt", r.attempt())
                .bind("startedAt", r.startNanos() / 1_000_000).bind("finishedAt", r.endNanos() / 1_000_000)
                .bind("duration", r.durationMillis()).bind("status", r.status().wireName()).bind("result", r.result())
                .bind("commit", r.commitSha()).bind("repo", r.repositoryUrl()).bind("bottleneck", r.bottleneck())
                .bind("spanCount", r.spanCount()).bind("now", now)
                .execute();
    }

    @Override
    public List<PipelineSpan> spans(String traceId) {
        return jdbi.withHandle(h -> spans(h, traceId));
    }

    private static List<PipelineSpan> spans(Handle h, String traceId) {
        return h.createQuery("SELECT " + SPAN_COLUMNS + " FROM pipeline_spans WHERE trace_id = ? "
                        + "ORDER BY start_unix_nano, span_id")
                .bind(0, traceId).map(JdbcPipelineStore::span).list();
    }

    @Override
    public Optional<RunSummary> run(String traceId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + RUN_COLUMNS + " FROM pipeline_runs WHERE trace_id = ?")
                .bind(0, traceId).map(JdbcPipelineStore::run).findOne());
    }

    @Override
    public List<RunSummary> runs(String pipeline, int limit) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + RUN_COLUMNS + " FROM pipeline_runs WHERE pipeline = ? "
                        + "ORDER BY started_at DESC, trace_id DESC LIMIT ?")
                .bind(0, pipeline).bind(1, limit).map(JdbcPipelineStore::run).list());
    }

    @Override
    public List<PipelineSummary> pipelines(int limit) {
        return jdbi.withHandle(h -> {
            Map<String, Integer> counts = new LinkedHashMap<>();
            h.createQuery("SELECT pipeline, COUNT(*) AS n FROM pipeline_runs GROUP BY pipeline ORDER BY pipeline LIMIT ?")
                    .bind(0, limit)
                    .map((rs, ctx) -> Map.entry(rs.getString("pipeline"), rs.getInt("n")))
                    .forEach(e -> counts.put(e.getKey(), e.getValue()));
            return counts.entrySet().stream().map(e -> new PipelineSummary(e.getKey(), e.getValue(),
                    h.createQuery("SELECT " + RUN_COLUMNS + " FROM pipeline_runs WHERE pipeline = ? "
                                    + "ORDER BY started_at DESC, trace_id DESC LIMIT 1")
                            .bind(0, e.getKey()).map(JdbcPipelineStore::run).one())).toList();
        });
    }

    private static PipelineSpan span(ResultSet rs, StatementContext ctx) throws SQLException {
        return new PipelineSpan(rs.getString("trace_id"), rs.getString("span_id"), rs.getString("parent_span_id"),
                rs.getString("name"), rs.getLong("start_unix_nano"), rs.getLong("end_unix_nano"),
                SpanStatus.ofWireName(rs.getString("status")), rs.getString("status_message"),
                read(rs.getString("attributes"), ATTRIBUTES), read(rs.getString("links"), LINKS));
    }

    private static RunSummary run(ResultSet rs, StatementContext ctx) throws SQLException {
        return new RunSummary(rs.getString("trace_id"), rs.getString("pipeline"), rs.getString("root_span_id"),
                rs.getString("run_id"), rs.getString("attempt"), rs.getLong("started_at") * 1_000_000,
                rs.getLong("finished_at") * 1_000_000, SpanStatus.ofWireName(rs.getString("status")),
                rs.getString("result"), rs.getString("commit_sha"), rs.getString("repository_url"),
                rs.getString("bottleneck"), rs.getInt("span_count"));
    }

    private static <T> T read(String json, TypeReference<T> type) {
        try {
            return Json.mapper().readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new StoreException("a stored pipeline span holds malformed JSON: " + e.getOriginalMessage(), e);
        }
    }
}
