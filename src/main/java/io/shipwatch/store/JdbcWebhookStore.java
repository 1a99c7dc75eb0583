package io.shipwatch.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import io.shipwatch.dora.webhook.WebhookEvent;
import io.shipwatch.dora.webhook.WebhookStore;
import io.shipwatch.json.Json;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/** Webhook deliveries, pushes, commits and merged pull requests in SQLite or PostgreSQL. */
public final class JdbcWebhookStore implements WebhookStore {
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() { };

    private final Jdbi jdbi;

    public JdbcWebhookStore(Database database) {
        this.jdbi = database.jdbi();
    }

    @Override
    public boolean seen(String source, String deliveryId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM webhook_deliveries WHERE source = ? AND delivery_id = ?")
                .bind(0, source).bind(1, deliveryId).mapTo(Long.class).one()) > 0;
    }

    @Override
    public void recordDelivery(String source, String deliveryId, String event, Instant now) {
        jdbi.useTransaction(h -> h.createUpdate("INSERT INTO webhook_deliveries (source, delivery_id, event, received_at) "
                        + "VALUES (?, ?, ?, ?) ON CONFLICT (source, delivery_id) DO NOTHING")
                .bind(0, source).bind(1, deliveryId).bind(2, event).bind(3, now.toEpochMilli()).execute());
    }

    @Override
    public void savePush(WebhookEvent.Push push, Instant now) {
        jdbi.useTransaction(h -> {
            for (WebhookEvent.PushedCommit c : push.commits()) {
                h.createUpdate("INSERT INTO repository_commits (repository_url, sha, committed_at, message, paths) "
                                + "VALUES (?, ?, ?, ?, ?) ON CONFLICT (repository_url, sha) DO NOTHING")
                        .bind(0, push.repositoryUrl()).bind(1, c.sha()).bind(2, JdbcMarkerStore.millis(c.committedAt()))
                        .bind(3, c.message()).bind(4, Json.write(c.paths())).execute();
            }
            h.createUpdate("INSERT INTO repository_pushes (repository_url, ref, before_sha, after_sha, commit_shas, "
                            + "received_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (repository_url, ref, after_sha) DO NOTHING")
                    .bind(0, push.repositoryUrl()).bind(1, push.ref()).bind(2, push.before()).bind(3, push.after())
                    .bind(4, Json.write(push.commits().stream().map(WebhookEvent.PushedCommit::sha).toList()))
                    .bind(5, now.toEpochMilli()).execute();
        });
    }

    @Override
    public Optional<StoredPush> pushEndingAt(String repositoryUrl, String afterSha) {
        return jdbi.withHandle(h -> h.createQuery("SELECT before_sha, after_sha, commit_shas FROM repository_pushes "
                        + "WHERE repository_url = ? AND after_sha = ? ORDER BY received_at LIMIT 1")
                .bind(0, repositoryUrl).bind(1, afterSha)
                .map((rs, ctx) -> new StoredPush(rs.getString(1), rs.getString(2), strings(rs.getString(3))))
                .findOne());
    }

    @Override
    public List<WebhookEvent.PushedCommit> commits(String repositoryUrl, Collection<String> shas) {
        if (shas.isEmpty()) {
            return List.of();
        }
        List<WebhookEvent.PushedCommit> found = jdbi.withHandle(h -> h.createQuery("SELECT sha, committed_at, message, "
                        + "paths FROM repository_commits WHERE repository_url = :repo AND sha IN (<shas>)")
                .bind("repo", repositoryUrl).bindList("shas", List.copyOf(shas))
                .map((rs, ctx) -> new WebhookEvent.PushedCommit(rs.getString(1),
                        JdbcMarkerStore.instant(rs, "committed_at"), rs.getString(3), strings(rs.getString(4))))
                .list());
        // in the order asked for
        List<String> order = List.copyOf(shas);
        return found.stream().sorted(java.util.Comparator.comparingInt(c -> order.indexOf(c.sha()))).toList();
    }

    @Override
    public Optional<Instant> firstCommitOn(String repositoryUrl, String ref) {
        List<String> shas = jdbi.withHandle(h -> h.createQuery("SELECT commit_shas FROM repository_pushes "
                        + "WHERE repository_url = ? AND ref = ?")
                .bind(0, repositoryUrl).bind(1, ref).mapTo(String.class).list())
                .stream().flatMap(json -> strings(json).stream()).toList();
        return commits(repositoryUrl, shas).stream().map(WebhookEvent.PushedCommit::committedAt)
                .filter(java.util.Objects::nonNull).min(Instant::compareTo);
    }

    @Override
    public void savePullRequest(WebhookEvent.PullRequestMerged pr, Instant firstCommitAt) {
        jdbi.useTransaction(h -> {
            h.createUpdate("DELETE FROM pull_requests WHERE repository_url = ? AND number = ?")
                    .bind(0, pr.repositoryUrl()).bind(1, pr.number()).execute();
            h.createUpdate("INSERT INTO pull_requests (repository_url, number, title, merge_commit_sha, created_at, "
                            + "merged_at, first_commit_at) VALUES (?, ?, ?, ?, ?, ?, ?)")
                    .bind(0, pr.repositoryUrl()).bind(1, pr.number()).bind(2, pr.title()).bind(3, pr.mergeCommitSha())
                    .bind(4, pr.createdAt().toEpochMilli()).bind(5, pr.mergedAt().toEpochMilli())
                    .bind(6, JdbcMarkerStore.millis(firstCommitAt)).execute();
        });
    }

    private static List<String> strings(String json) {
        try {
            return Json.mapper().readValue(json, STRINGS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored value is not a JSON array of strings: " + json, e);
        }
    }
}
