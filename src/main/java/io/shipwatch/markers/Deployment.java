package io.shipwatch.markers;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A deployment marker: one version of one service going out to one environment. Optional fields are null
 * (or empty collections) when unknown. {@code finishedAt} is null while the status is {@code started}. {@code kind}
 * says whether it ships a new version or rolls back; {@code fixes} is the id of an earlier deployment it repairs
 * (a hotfix or revert), or null.
 */
public record Deployment(
        String id,
        String service,
        String environment,
        String version,
        DeploymentStatus status,
        Instant startedAt,
        Instant finishedAt,
        String commitSha,
        String repositoryUrl,
        List<Commit> commits,
        String pipelineRunId,
        String pipelineRunUrl,
        String actor,
        String description,
        Map<String, String> tags,
        String idempotencyKey,
        Instant createdAt,
        Instant updatedAt,
        DeploymentKind kind,
        String fixes) {

    public Deployment {
        commits = commits == null ? List.of() : List.copyOf(commits);
        tags = tags == null ? Map.of() : Map.copyOf(tags);
        kind = kind == null ? DeploymentKind.DEPLOY : kind;
    }

    /** A plain deployment ({@code kind: deploy}) that fixes no earlier one. */
    public Deployment(String id, String service, String environment, String version, DeploymentStatus status,
                      Instant startedAt, Instant finishedAt, String commitSha, String repositoryUrl, List<Commit> commits,
                      String pipelineRunId, String pipelineRunUrl, String actor, String description,
                      Map<String, String> tags, String idempotencyKey, Instant createdAt, Instant updatedAt) {
        this(id, service, environment, version, status, startedAt, finishedAt, commitSha, repositoryUrl, commits,
                pipelineRunId, pipelineRunUrl, actor, description, tags, idempotencyKey, createdAt, updatedAt,
                DeploymentKind.DEPLOY, null);
    }

    /** The moment the marker is drawn at: when the deployment finished, or started while it runs. */
    public Instant markerTime() {
        return finishedAt != null ? finishedAt : startedAt;
    }

    /** This deployment with another status and finish time, updated at {@code now}. */
    public Deployment withFinish(DeploymentStatus newStatus, Instant newFinishedAt, Instant now) {
        return new Deployment(id, service, environment, version, newStatus, startedAt, newFinishedAt, commitSha,
                repositoryUrl, commits, pipelineRunId, pipelineRunUrl, actor, description, tags, idempotencyKey,
                createdAt, now, kind, fixes);
    }

    /** This deployment with another commit list. */
    public Deployment withCommits(List<Commit> newCommits) {
        return new Deployment(id, service, environment, version, status, startedAt, finishedAt, commitSha,
                repositoryUrl, newCommits, pipelineRunId, pipelineRunUrl, actor, description, tags, idempotencyKey,
                createdAt, updatedAt, kind, fixes);
    }
}
