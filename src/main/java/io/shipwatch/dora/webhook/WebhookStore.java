package io.shipwatch.dora.webhook;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** What the webhooks keep besides deployments and incidents; implemented in {@code io.shipwatch.store}. */
public interface WebhookStore {

    /** True when this delivery (provider and delivery id) was applied before. */
    boolean seen(String source, String deliveryId);

    /** Remembers an applied delivery; recording one twice is harmless. */
    void recordDelivery(String source, String deliveryId, String event, Instant now);

    /** Keeps a push and its commits; a push already kept is left as it is. */
    void savePush(WebhookEvent.Push push, Instant now);

    /** The push that moved a ref of {@code repositoryUrl} to {@code afterSha}, if one was seen. */
    Optional<StoredPush> pushEndingAt(String repositoryUrl, String afterSha);

    /** The commits of {@code repositoryUrl} with these shas that pushes brought. */
    List<WebhookEvent.PushedCommit> commits(String repositoryUrl, Collection<String> shas);

    /** The earliest commit time pushed to {@code ref} of {@code repositoryUrl}, if any push to it was seen. */
    Optional<Instant> firstCommitOn(String repositoryUrl, String ref);

    /** Keeps a merged pull request (replacing an earlier record of it). */
    void savePullRequest(WebhookEvent.PullRequestMerged pr, Instant firstCommitAt);

    /** A stored push: where the ref was before, and the commits it added, oldest first. */
    record StoredPush(String before, String after, List<String> commitShas) {
    }
}
