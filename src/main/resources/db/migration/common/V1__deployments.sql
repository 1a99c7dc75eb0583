-- Times are epoch milliseconds (UTC) in both SQLite and PostgreSQL, so one mapping serves both.
CREATE TABLE deployments (
    id               TEXT    PRIMARY KEY,
    service          TEXT    NOT NULL,
    environment      TEXT    NOT NULL,
    version          TEXT    NOT NULL,
    status           TEXT    NOT NULL,
    started_at       BIGINT  NOT NULL,
    finished_at      BIGINT,
    commit_sha       TEXT,
    repository_url   TEXT,
    pipeline_run_id  TEXT,
    pipeline_run_url TEXT,
    actor            TEXT,
    description      TEXT,
    tags             TEXT    NOT NULL DEFAULT '{}',
    idempotency_key  TEXT    UNIQUE,
    revision         INTEGER NOT NULL DEFAULT 1,
    created_at       BIGINT  NOT NULL,
    updated_at       BIGINT  NOT NULL
);
CREATE INDEX deployments_by_time ON deployments (started_at DESC, id DESC);
CREATE INDEX deployments_by_service ON deployments (service, environment, started_at DESC, id DESC);

CREATE TABLE deployment_commits (
    deployment_id TEXT    NOT NULL REFERENCES deployments (id),
    position      INTEGER NOT NULL,
    sha           TEXT    NOT NULL,
    committed_at  BIGINT,
    PRIMARY KEY (deployment_id, position)
);
CREATE INDEX deployment_commits_by_sha ON deployment_commits (sha);

-- Every status a deployment entered, never updated: the source of the monotonic shipwatch_deployments_total.
CREATE TABLE deployment_status_changes (
    deployment_id TEXT   NOT NULL REFERENCES deployments (id),
    service       TEXT   NOT NULL,
    environment   TEXT   NOT NULL,
    status        TEXT   NOT NULL,
    changed_at    BIGINT NOT NULL
);
CREATE INDEX deployment_status_changes_by_deployment ON deployment_status_changes (deployment_id);

-- The delivery outbox: one row per deployment and sink. A row is due while delivered_revision < wanted_revision
-- and it has not been given up on for that revision; a lease keeps two servers from delivering the same row.
CREATE TABLE deliveries (
    deployment_id      TEXT    NOT NULL REFERENCES deployments (id),
    sink               TEXT    NOT NULL,
    wanted_revision    INTEGER NOT NULL,
    delivered_revision INTEGER NOT NULL DEFAULT 0,
    abandoned_revision INTEGER NOT NULL DEFAULT 0,
    external_ref       TEXT,
    attempts           INTEGER NOT NULL DEFAULT 0,
    next_attempt_at    BIGINT  NOT NULL,
    last_attempt_at    BIGINT,
    last_error         TEXT,
    delivered_at       BIGINT,
    lease_owner        TEXT,
    lease_until        BIGINT,
    PRIMARY KEY (deployment_id, sink)
);
CREATE INDEX deliveries_due ON deliveries (next_attempt_at)
    WHERE delivered_revision < wanted_revision AND abandoned_revision < wanted_revision;
