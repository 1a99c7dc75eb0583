package io.shipwatch.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import io.shipwatch.json.Json;
import io.shipwatch.loadtest.LabelSummary;
import io.shipwatch.loadtest.LatencyHistogram;
import io.shipwatch.loadtest.LoadTestResult;
import io.shipwatch.loadtest.LoadTestRun;
import io.shipwatch.loadtest.LoadTestRunStore;
import io.shipwatch.loadtest.RunStatus;
import io.shipwatch.loadtest.ServiceMetric;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.Query;
import org.jdbi.v3.core.statement.Update;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Load-test runs, their labels and histograms in SQLite or PostgreSQL (the same SQL serves both). */
public final class JdbcLoadTestRunStore implements LoadTestRunStore {
    private static final Logger LOG = LoggerFactory.getLogger(JdbcLoadTestRunStore.class);
    private static final String RUN_COLUMNS = "id, service, scenario, version, status, format, source, raw, "
            + "started_at, ended_at, recorded_at, service_metrics";
    private static final String LABEL_COLUMNS = "run_id, position, label, count, errors, throughput, mean_ms, min_ms, "
            + "max_ms, p50_ms, p90_ms, p95_ms, p99_ms, p999_ms, histogram";
    private static final int TOTAL = -1;

    private final Jdbi jdbi;

    public JdbcLoadTestRunStore(Database database) {
        this.jdbi = database.jdbi();
    }

    @Override
    public LoadTestRun insert(LoadTestRun run) {
        LoadTestRun saved = run.recorded(UUID.randomUUID().toString(),
                run.recordedAt() != null ? run.recordedAt() : Instant.now());
        LoadTestResult r = saved.result();
        jdbi.useTransaction(h -> {
            h.createUpdate("INSERT INTO loadtest_runs (" + RUN_COLUMNS + ") VALUES (:id, :service, :scenario, "
                            + ":version, :status, :format, :source, :raw, :startedAt, :endedAt, :recordedAt, :serviceMetrics)")
                    .bind("id", saved.id()).bind("service", saved.service()).bind("scenario", saved.scenario())
                    .bind("version", saved.version()).bind("status", saved.status().wireName())
                    .bind("format", r.format()).bind("source", r.source()).bind("raw", r.raw() ? 1 : 0)
                    .bind("startedAt", millis(r.startedAt())).bind("endedAt", millis(r.endedAt()))
                    .bind("recordedAt", millis(saved.recordedAt()))
                    .bind("serviceMetrics", Json.write(saved.serviceMetrics())).execute();
            insertLabel(h, saved.id(), TOTAL, r.total(), null);
            for (int i = 0; i < r.labels().size(); i++) {
                LabelSummary l = r.labels().get(i);
                insertLabel(h, saved.id(), i, l, r.histograms().get(l.label()));
            }
        });
        return saved;
    }

    private static void insertLabel(Handle h, String runId, int position, LabelSummary l, LatencyHistogram histogram) {
        Update u = h.createUpdate("INSERT INTO loadtest_labels (" + LABEL_COLUMNS + ") VALUES (:run, :position, "
                + ":label, :count, :errors, :throughput, :mean, :min, :max, :p50, :p90, :p95, :p99, :p999, :histogram)");
        u.bind("run", runId).bind("position", position).bind("label", l.label()).bind("count", l.count())
                .bind("errors", l.errors()).bind("throughput", l.throughputPerSecond()).bind("mean", l.meanMs())
                .bind("min", l.minMs()).bind("max", l.maxMs()).bind("p50", l.p50Ms()).bind("p90", l.p90Ms())
                .bind("p95", l.p95Ms()).bind("p99", l.p99Ms()).bind("p999", l.p999Ms())
                .bind("histogram", histogram == null ? null : histogram.encode()).execute();
    }

    @Override
    public Optional<LoadTestRun> get(String id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + RUN_COLUMNS + " FROM loadtest_runs WHERE id = ?")
                .bind(0, id).map((rs, ctx) -> Row.of(rs)).findOne().map(row -> withLabels(h, row)));
    }

    @Override
    public List<LoadTestRun> find(RunQuery q) {
        return jdbi.withHandle(h -> {
            StringBuilder sql = new StringBuilder("SELECT " + RUN_COLUMNS + " FROM loadtest_runs "
                    + "WHERE service = :service AND scenario = :scenario");
            if (q.status() != null) {
                sql.append(" AND status = :status");
            }
            if (q.version() != null) {
                sql.append(" AND version = :version");
            }
            sql.append(" ORDER BY recorded_at DESC, id DESC LIMIT :limit");
            Query query = h.createQuery(sql.toString()).bind("service", q.service()).bind("scenario", q.scenario())
                    .bind("limit", q.limit());
            if (q.status() != null) {
                query.bind("status", q.status().wireName());
            }
            if (q.version() != null) {
                query.bind("version", q.version());
            }
            List<Row> rows = query.map((rs, ctx) -> Row.of(rs)).list();
            List<LoadTestRun> runs = new ArrayList<>();
            for (Row row : rows) {
                runs.add(withLabels(h, row));
            }
            return runs;
        });
    }

    @Override
    public List<LoadTestRun> latestPerScenario(int limit) {
        return jdbi.withHandle(h -> {
            List<Row> rows = h.createQuery("SELECT " + RUN_COLUMNS + " FROM loadtest_runs r WHERE id = "
                            + "(SELECT id FROM loadtest_runs n WHERE n.service = r.service AND n.scenario = r.scenario "
                            + "ORDER BY recorded_at DESC, id DESC LIMIT 1) ORDER BY service, scenario LIMIT ?")
                    .bind(0, limit)
                    .map((rs, ctx) -> Row.of(rs)).list();
            List<LoadTestRun> runs = new ArrayList<>();
            for (Row row : rows) {
                runs.add(withLabels(h, row));
            }
            return runs;
        });
    }

    private static LoadTestRun withLabels(Handle h, Row row) {
        LabelSummary total = null;
        List<LabelSummary> labels = new ArrayList<>();
        Map<String, LatencyHistogram> histograms = new LinkedHashMap<>();
        boolean raw = row.raw;
        List<StoredLabel> stored = h.createQuery("SELECT " + LABEL_COLUMNS
                        + " FROM loadtest_labels WHERE run_id = ? ORDER BY position")
                .bind(0, row.id).map((rs, ctx) -> new StoredLabel(rs.getInt("position"), label(rs),
                        rs.getString("histogram"))).list();
        for (StoredLabel l : stored) {
            if (l.position() == TOTAL) {
                total = l.summary();
            } else {
                labels.add(l.summary());
                if (l.histogram() != null) {
                    try {
                        histograms.put(l.summary().label(), LatencyHistogram.decode(l.histogram()));
                    } catch (IllegalArgumentException e) {
                        // stored before histograms were checked: the run still lists, with its summary figures only
                        LOG.warn("load-test run {} label '{}': stored histogram ignored: {}", row.id,
                                l.summary().label(), e.getMessage());
                        raw = false;
                    }
                }
            }
        }
        LoadTestResult result = new LoadTestResult(row.format, row.source, raw, row.startedAt, row.endedAt, total,
                labels, histograms, List.of(), List.of());
        return new LoadTestRun(row.id, row.service, row.scenario, row.version, row.status, row.recordedAt, result,
                serviceMetrics(row.serviceMetrics));
    }

    private static List<ServiceMetric> serviceMetrics(String json) {
        try {
            return Json.mapper().readValue(json, new TypeReference<List<ServiceMetric>>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored service metrics are not a JSON list: " + json, e);
        }
    }

    private static LabelSummary label(ResultSet rs) throws SQLException {
        return new LabelSummary(rs.getString("label"), rs.getLong("count"), longOrNull(rs, "errors"),
                doubleOrNull(rs, "throughput"), doubleOrNull(rs, "mean_ms"), doubleOrNull(rs, "min_ms"),
                doubleOrNull(rs, "max_ms"), doubleOrNull(rs, "p50_ms"), doubleOrNull(rs, "p90_ms"),
                doubleOrNull(rs, "p95_ms"), doubleOrNull(rs, "p99_ms"), doubleOrNull(rs, "p999_ms"));
    }

    private static Long longOrNull(ResultSet rs, String column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }

    private static Double doubleOrNull(ResultSet rs, String column) throws SQLException {
        double v = rs.getDouble(column);
        return rs.wasNull() ? null : v;
    }

    private static Long millis(Instant t) {
        return t == null ? null : t.toEpochMilli();
    }

    private record StoredLabel(int position, LabelSummary summary, String histogram) {
    }

    /** A run's own columns, read before its labels. */
    private record Row(String id, String service, String scenario, String version, RunStatus status, String format,
                       String source, boolean raw, Instant startedAt, Instant endedAt, Instant recordedAt,
                       String serviceMetrics) {
        static Row of(ResultSet rs) throws SQLException {
            return new Row(rs.getString("id"), rs.getString("service"), rs.getString("scenario"),
                    rs.getString("version"), RunStatus.valueOf(rs.getString("status").toUpperCase(Locale.ROOT)),
                    rs.getString("format"), rs.getString("source"), rs.getInt("raw") == 1, instant(rs, "started_at"),
                    instant(rs, "ended_at"), instant(rs, "recorded_at"), rs.getString("service_metrics"));
        }

        private static Instant instant(ResultSet rs, String column) throws SQLException {
            long v = rs.getLong(column);
            return rs.wasNull() ? null : Instant.ofEpochMilli(v);
        }
    }
}
