package io.shipwatch.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.shipwatch.dora.DoraStore;
import io.shipwatch.dora.Incident;
import io.shipwatch.dora.webhook.WebhookEvent;
import io.shipwatch.markers.Commit;
import io.shipwatch.markers.Deployment;
import io.shipwatch.markers.DeploymentKind;
import io.shipwatch.markers.DeploymentStatus;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The DORA and webhook stores on every database; subclasses open SQLite or PostgreSQL. */
abstract class DoraStoreContract {
    static final Instant T0 = Instant.parse("2026-11-20T14:00:00Z");
    static final Set<String> PROD = Set.of("production", "prod");

    Database database;
    JdbcMarkerStore markers;
    JdbcDoraStore dora;
    JdbcWebhookStore hooks;

    abstract Database open();

    @BeforeEach
    void setUp() {
        database = open();
        markers = new JdbcMarkerStore(database);
        dora = new JdbcDoraStore(database);
        hooks = new JdbcWebhookStore(database);
    }

    @AfterEach
    void tearDown() {
        database.close();
    }

    @Test
    void historyKeepsKindFixesAndCommitDetailsOfFinishedProductionDeployments() {
        Deployment first = deployment("d1", "checkout", "production", DeploymentStatus.SUCCEEDED, T0, null,
                List.of(new Commit("c1", T0.minusSeconds(3600), T0.minusSeconds(7200), "Add totals")));
        Deployment rollback = new Deployment("d2", "checkout", "production", "1.0", DeploymentStatus.SUCCEEDED,
                T0, T0.plusSeconds(60), null, null, List.of(), null, null, null, null, Map.of("team", "payments"),
                null, T0, T0, DeploymentKind.ROLLBACK, "d1");
        markers.insert(first, List.of(), T0);
        markers.insert(rollback, List.of(), T0);
        markers.insert(deployment("s1", "checkout", "staging", DeploymentStatus.SUCCEEDED, T0, null, List.of()), List.of(), T0);
        markers.insert(deployment("r1", "checkout", "production", DeploymentStatus.STARTED, T0, null, List.of()), List.of(), T0);

        List<Deployment> history = dora.history(null, PROD, T0.minusSeconds(86400), T0.plusSeconds(86400));
        assertThat(history).extracting(Deployment::id).containsExactlyInAnyOrder("d1", "d2");
        Deployment d1 = history.stream().filter(d -> d.id().equals("d1")).findFirst().orElseThrow();
        // the history carries what the figures read: the commit time, not the author time or the message
        assertThat(d1.commits()).containsExactly(new Commit("c1", T0.minusSeconds(3600)));
        assertThat(dora.commitMessages(Set.of(new DoraStore.CommitRef("d1", "c1"), new DoraStore.CommitRef("d1", "c9"))))
                .isEqualTo(Map.of(new DoraStore.CommitRef("d1", "c1"), "Add totals"));
        assertThat(markers.find("d1").orElseThrow().commits())
                .containsExactly(new Commit("c1", T0.minusSeconds(3600), T0.minusSeconds(7200), "Add totals"));
        Deployment d2 = markers.find("d2").orElseThrow();
        assertThat(d2.kind()).isEqualTo(DeploymentKind.ROLLBACK);
        assertThat(d2.fixes()).isEqualTo("d1");
        assertThat(dora.history(Set.of("search"), PROD, T0.minusSeconds(86400), T0.plusSeconds(86400))).isEmpty();
        assertThat(dora.history(null, PROD, T0.plusSeconds(61), T0.plusSeconds(86400))).isEmpty(); // finished before
        assertThat(dora.servicesTagged("payments")).containsExactly("checkout");
        assertThat(dora.servicesTagged("pay")).isEmpty();
    }

    @Test
    void incidentWithTheSameSourceIdIsStoredOnce() {
        Incident i = new Incident("i1", "checkout", "production", "errors", "page", T0, null, null, "pagerduty", "Q1");
        assertThat(dora.insertIncident(i, T0).created()).isTrue();
        DoraStore.Saved again = dora.insertIncident(new Incident("i2", "checkout", "production", "errors", null, T0,
                null, null, "pagerduty", "Q1"), T0);
        assertThat(again.created()).isFalse();
        assertThat(again.incident().id()).isEqualTo("i1");
        Incident resolved = new Incident("i1", "checkout", "production", "errors", "page", T0, T0.plusSeconds(900),
                null, "pagerduty", "Q1");
        dora.updateIncident(resolved, T0);
        assertThat(dora.findIncident("pagerduty", "Q1")).contains(resolved);
        assertThat(dora.incidents(Set.of("checkout"), PROD, null, 10)).containsExactly(resolved);
        assertThat(dora.incidents(Set.of("checkout"), Set.of("staging"), null, 10)).isEmpty();
        assertThat(dora.incidentsBetween(null, PROD, T0.plusSeconds(900), T0.plusSeconds(901))).containsExactly(resolved);
        assertThat(dora.incidentsBetween(null, PROD, T0.plusSeconds(901), T0.plusSeconds(1000))).isEmpty();
        assertThat(dora.incidentsBetween(null, PROD, T0.minusSeconds(10), T0)).isEmpty(); // opened at T0, not before
    }

    @Test
    void pushesChainAndPullRequestsGiveChangeStarts() {
        WebhookEvent.Push push = new WebhookEvent.Push("https://github.com/acme/shop", "refs/heads/topic", "a0", "b2",
                List.of(new WebhookEvent.PushedCommit("b1", T0.minusSeconds(7200), "one", List.of("x/a")),
                        new WebhookEvent.PushedCommit("b2", T0.minusSeconds(3600), "two", List.of("y/b"))));
        hooks.savePush(push, T0);
        hooks.savePush(push, T0); // a redelivered push is kept once
        assertThat(hooks.pushEndingAt("https://github.com/acme/shop", "b2"))
                .contains(new io.shipwatch.dora.webhook.WebhookStore.StoredPush("a0", "b2", List.of("b1", "b2")));
        assertThat(hooks.commits("https://github.com/acme/shop", List.of("b2", "b1")))
                .extracting(WebhookEvent.PushedCommit::sha).containsExactly("b2", "b1");
        assertThat(hooks.firstCommitOn("https://github.com/acme/shop", "refs/heads/topic")).contains(T0.minusSeconds(7200));

        hooks.savePullRequest(new WebhookEvent.PullRequestMerged("https://github.com/acme/shop", 3, "t", "m3",
                T0.minusSeconds(5000), T0, "topic"), T0.minusSeconds(7200));
        markers.insert(deployment("d1", "checkout", "production", DeploymentStatus.SUCCEEDED, T0, null,
                List.of(new Commit("m3", T0))), List.of(), T0);
        assertThat(dora.changeStarts(null, PROD, T0, T0.plusSeconds(1))).isEqualTo(Map.of("m3", T0.minusSeconds(7200)));

        assertThat(hooks.seen("github", "x-1")).isFalse();
        hooks.recordDelivery("github", "x-1", "push", T0);
        hooks.recordDelivery("github", "x-1", "push", T0);
        assertThat(hooks.seen("github", "x-1")).isTrue();
    }

    private static Deployment deployment(String id, String service, String env, DeploymentStatus status, Instant at,
                                         String fixes, List<Commit> commits) {
        return new Deployment(id, service, env, "1.0", status, at, status == DeploymentStatus.STARTED ? null : at,
                null, null, commits, null, null, null, null, Map.of(), null, at, at, DeploymentKind.DEPLOY, fixes);
    }
}
