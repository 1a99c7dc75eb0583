-- Load-test runs kept as baselines. Times are epoch milliseconds; the same SQL runs on SQLite and PostgreSQL.
CREATE TABLE loadtest_runs (
    id          TEXT    PRIMARY KEY,
    service     TEXT    NOT NULL,
    scenario    TEXT    NOT NULL,
    version     TEXT    NOT NULL,
    status      TEXT    NOT NULL,
    format      TEXT    NOT NULL,
    source      TEXT    NOT NULL,
    raw         INTEGER NOT NULL,
    started_at  BIGINT,
    ended_at    BIGINT,
    recorded_at BIGINT  NOT NULL,
    -- the service's own metrics during the test ('loadtest run'): a JSON list of {id, title, unit, mean, max, error}
    service_metrics TEXT NOT NULL DEFAULT '[]'
);
CREATE INDEX loadtest_runs_by_scenario ON loadtest_runs (service, scenario, recorded_at DESC, id DESC);

-- One row per label of a run, and one with position -1 for the run's total. Null where the format has no such metric.
-- histogram: HdrHistogram's compressed form, base64, for raw formats only.
CREATE TABLE loadtest_labels (
    run_id      TEXT             NOT NULL REFERENCES loadtest_runs (id),
    position    INTEGER          NOT NULL,
    label       TEXT             NOT NULL,
    count       BIGINT           NOT NULL,
    errors      BIGINT,
    throughput  DOUBLE PRECISION,
    mean_ms     DOUBLE PRECISION,
    min_ms      DOUBLE PRECISION,
    max_ms      DOUBLE PRECISION,
    p50_ms      DOUBLE PRECISION,
    p90_ms      DOUBLE PRECISION,
    p95_ms      DOUBLE PRECISION,
    p99_ms      DOUBLE PRECISION,
    p999_ms     DOUBLE PRECISION,
    histogram   TEXT,
    PRIMARY KEY (run_id, position)
);
