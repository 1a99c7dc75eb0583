-- DORA metrics: what a deployment is (a rollback, a fix of another), the commits it ships, incidents, and what the
-- Git and alerting webhooks tell us. Times are epoch milliseconds (UTC), as in V1.
ALTER TABLE deployments ADD COLUMN kind TEXT NOT NULL DEFAULT 'deploy';
ALTER TABLE deployments ADD COLUMN fixes TEXT;
CREATE INDEX deployments_by_finish ON deployments (service, environment, finished_at);

ALTER TABLE deployment_commits ADD COLUMN authored_at BIGINT;
ALTER TABLE deployment_commits ADD COLUMN message TEXT;

-- One row per incident. (source, external_id) identifies it at its origin (an Alertmanager fingerprint and start,
-- a PagerDuty incident id), so a repeated notification updates the same row.
CREATE TABLE incidents (
    id            TEXT   PRIMARY KEY,
    service       TEXT   NOT NULL,
    environment   TEXT   NOT NULL,
    title         TEXT   NOT NULL,
    severity      TEXT,
    opened_at     BIGINT NOT NULL,
    resolved_at   BIGINT,
    deployment_id TEXT   REFERENCES deployments (id),
    source        TEXT   NOT NULL,
    external_id   TEXT,
    created_at    BIGINT NOT NULL,
    updated_at    BIGINT NOT NULL,
    UNIQUE (source, external_id)
);
CREATE INDEX incidents_by_unit ON incidents (service, environment, opened_at);

-- Webhook deliveries already applied: a redelivery (same provider and delivery id) changes nothing.
CREATE TABLE webhook_deliveries (
    source       TEXT   NOT NULL,
    delivery_id  TEXT   NOT NULL,
    event        TEXT   NOT NULL,
    received_at  BIGINT NOT NULL,
    PRIMARY KEY (source, delivery_id)
);

-- Commits seen in Git push webhooks, with the paths they touch (a JSON array), so a monorepo can feed several services.
CREATE TABLE repository_commits (
    repository_url TEXT   NOT NULL,
    sha            TEXT   NOT NULL,
    committed_at   BIGINT,
    authored_at    BIGINT,
    message        TEXT,
    paths          TEXT   NOT NULL DEFAULT '[]',
    PRIMARY KEY (repository_url, sha)
);

-- Each push moves a ref from before_sha to after_sha; commit_shas (a JSON array, oldest first) are what it added.
CREATE TABLE repository_pushes (
    repository_url TEXT   NOT NULL,
    ref            TEXT   NOT NULL,
    before_sha     TEXT   NOT NULL,
    after_sha      TEXT   NOT NULL,
    commit_shas    TEXT   NOT NULL,
    received_at    BIGINT NOT NULL,
    PRIMARY KEY (repository_url, ref, after_sha)
);
CREATE INDEX repository_pushes_by_after ON repository_pushes (repository_url, after_sha);

-- Merged pull requests: a squash or merge commit's change started at the pull request's first commit.
CREATE TABLE pull_requests (
    repository_url   TEXT    NOT NULL,
    number           INTEGER NOT NULL,
    title            TEXT,
    merge_commit_sha TEXT    NOT NULL,
    created_at       BIGINT  NOT NULL,
    merged_at        BIGINT  NOT NULL,
    first_commit_at  BIGINT,
    PRIMARY KEY (repository_url, number)
);
CREATE INDEX pull_requests_by_merge_commit ON pull_requests (merge_commit_sha);
