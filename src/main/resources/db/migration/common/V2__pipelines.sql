-- Pipeline traces. Span times are Unix epoch nanoseconds, as OTLP carries them (BIGINT holds them until 2262);
-- run times are epoch milliseconds like every other table. Spans are keyed by their ids, so a re-import or a
-- retried export overwrites rather than duplicates.
CREATE TABLE pipeline_spans (
    trace_id        TEXT    NOT NULL,
    span_id         TEXT    NOT NULL,
    parent_span_id  TEXT,
    name            TEXT    NOT NULL,
    start_unix_nano BIGINT  NOT NULL,
    end_unix_nano   BIGINT  NOT NULL,
    status          TEXT    NOT NULL,
    status_message  TEXT,
    attributes      TEXT    NOT NULL DEFAULT '{}',
    links           TEXT    NOT NULL DEFAULT '[]',
    received_at     BIGINT  NOT NULL,
    PRIMARY KEY (trace_id, span_id)
);

-- One row per trace, recomputed from its spans whenever spans arrive: what the pipeline pages list, and the run
-- durations kept for lead-time analysis.
CREATE TABLE pipeline_runs (
    trace_id        TEXT    PRIMARY KEY,
    pipeline        TEXT    NOT NULL,
    root_span_id    TEXT    NOT NULL,
    run_id          TEXT,
    attempt         TEXT,
    started_at      BIGINT  NOT NULL,
    finished_at     BIGINT  NOT NULL,
    duration_ms     BIGINT  NOT NULL,
    status          TEXT    NOT NULL,
    result          TEXT,
    commit_sha      TEXT,
    repository_url  TEXT,
    bottleneck      TEXT,
    span_count      INTEGER NOT NULL,
    updated_at      BIGINT  NOT NULL
);
CREATE INDEX pipeline_runs_by_pipeline ON pipeline_runs (pipeline, started_at DESC, trace_id);
