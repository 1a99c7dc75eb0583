-- Quality gate results: one row per evaluation, with every objective's measurement as JSON text. They are the
-- baseline of later evaluations (baseline: {from: previous}) and an input to change failure rate.
-- Times are epoch milliseconds (UTC), as in V1; the same SQL runs on SQLite and PostgreSQL.
CREATE TABLE gate_results (
    id           TEXT             PRIMARY KEY,
    gate         TEXT             NOT NULL,
    service      TEXT,
    environment  TEXT,
    version      TEXT,
    deployment_id TEXT,
    result       TEXT             NOT NULL,
    score        DOUBLE PRECISION,
    window_start BIGINT           NOT NULL,
    window_end   BIGINT           NOT NULL,
    evaluated_at BIGINT           NOT NULL,
    reason       TEXT,
    objectives   TEXT             NOT NULL
);
CREATE INDEX gate_results_by_gate ON gate_results (gate, evaluated_at DESC, id DESC);
CREATE INDEX gate_results_by_deployment ON gate_results (deployment_id);
CREATE INDEX gate_results_by_service ON gate_results (service, environment, evaluated_at DESC, id DESC);
