-- The web page's verdicts: a gate result keeps its total score's pass and warning targets, and canary analyses
-- (canary judge, canary run) are kept with their steps, judgements and both groups' points as JSON text (detail).
-- Times are epoch milliseconds (UTC), as in V1; the same SQL runs on SQLite and PostgreSQL.
ALTER TABLE gate_results ADD COLUMN pass_target DOUBLE PRECISION;
ALTER TABLE gate_results ADD COLUMN warning_target DOUBLE PRECISION;

CREATE TABLE canary_analyses (
    id            TEXT             PRIMARY KEY,
    canary        TEXT             NOT NULL,
    service       TEXT,
    environment   TEXT,
    version       TEXT,
    deployment_id TEXT,
    kind          TEXT             NOT NULL,
    outcome       TEXT             NOT NULL,
    reason        TEXT,
    score         DOUBLE PRECISION,
    confidence    DOUBLE PRECISION,
    started_at    BIGINT           NOT NULL,
    finished_at   BIGINT           NOT NULL,
    detail        TEXT             NOT NULL
);
CREATE INDEX canary_analyses_by_time ON canary_analyses (finished_at DESC, id DESC);
CREATE INDEX canary_analyses_by_service ON canary_analyses (service, finished_at DESC, id DESC);
CREATE INDEX canary_analyses_by_deployment ON canary_analyses (deployment_id);
CREATE INDEX gate_results_by_time ON gate_results (evaluated_at DESC, id DESC);
