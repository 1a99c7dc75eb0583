package io.shipwatch.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.shipwatch.markers.Commit;
import io.shipwatch.markers.DeliveryQueue;
import io.shipwatch.markers.DeliveryState;
import io.shipwatch.markers.Deployment;
import io.shipwatch.markers.DeploymentPage;
import io.shipwatch.markers.DeploymentQuery;
import io.shipwatch.markers.DeploymentStatus;
import io.shipwatch.markers.MarkerStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The same behaviour asked of every database the store runs on; subclasses open SQLite or PostgreSQL. */
abstract class MarkerStoreContract {
    static final Instant T0 = Instant.parse("2026-11-20T14:00:00Z");

    Database database;
    JdbcMarkerStore store;

    abstract Database open();

    @BeforeEach
    void setUp() {
        database = open();
        store = new JdbcMarkerStore(database);
    }

    @AfterEach
    void tearDown() {
        database.close();
    }

    static Deployment deployment(String service, String env, String version, Instant startedAt, String key) {
        return new Deployment(UUID.randomUUID().toString(), service, env, version, DeploymentStatus.SUCCEEDED,
                startedAt, startedAt.plusSeconds(90), "abc123", "https://github.com/acme/shop",
                List.of(new Commit("abc123", startedAt.minusSeconds(3600)), new Commit("def456", null)),
                "77", "https://ci.example/runs/77", "alice", "release", Map.of("team", "payments"), key,
                startedAt, startedAt);
    }

    @Test
    void storesAndReadsBackEveryField() {
        Deployment d = deployment("checkout", "production", "2.1.0", T0, "key-1");
        assertThat(store.insert(d, List.of(), T0).created()).isTrue();
        assertThat(store.find(d.id())).contains(d);
    }

    @Test
    void sameIdempotencyKeyGivesTheFirstRecord() {
        Deployment first = deployment("checkout", "production", "2.1.0", T0, "run-42");
        Deployment second = deployment("checkout", "production", "2.1.0", T0.plusSeconds(5), "run-42");
        store.insert(first, List.of("webhook:a"), T0);
        MarkerStore.Saved again = store.insert(second, List.of("webhook:a"), T0);
        assertThat(again.created()).isFalse();
        assertThat(again.deployment()).isEqualTo(first);
        assertThat(store.list(query(null, 10, null)).items()).hasSize(1);
    }

    @Test
    void listsNewestFirstAcrossPages() {
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            Deployment d = deployment("checkout", "production", "1." + i, T0.plusSeconds(60L * i), null);
            store.insert(d, List.of(), T0);
            expected.add(0, d.version());
        }
        store.insert(deployment("search", "production", "9.9", T0, null), List.of(), T0);

        List<String> seen = new ArrayList<>();
        DeploymentQuery.Cursor cursor = null;
        int pages = 0;
        do {
            DeploymentPage page = store.list(query("checkout", 3, cursor));
            page.items().forEach(d -> seen.add(d.version()));
            cursor = page.next();
            pages++;
        } while (cursor != null);
        assertThat(seen).isEqualTo(expected);
        assertThat(pages).isEqualTo(3);
    }

    @Test
    void timeRangeKeepsDeploymentsOverlappingIt() {
        store.insert(deployment("checkout", "production", "old", T0.minus(Duration.ofDays(2)), null), List.of(), T0);
        store.insert(deployment("checkout", "production", "in", T0, null), List.of(), T0);
        store.insert(deployment("checkout", "production", "later", T0.plus(Duration.ofDays(2)), null), List.of(), T0);
        DeploymentPage page = store.list(new DeploymentQuery("checkout", "production", T0.minusSeconds(60),
                T0.plusSeconds(3600), 10, null));
        assertThat(page.items()).extracting(Deployment::version).containsExactly("in");
    }

    @Test
    void statusChangesAreCountedMonotonically() {
        Deployment d = deployment("checkout", "production", "2.1.0", T0, null);
        Deployment started = new Deployment(d.id(), d.service(), d.environment(), d.version(), DeploymentStatus.STARTED,
                d.startedAt(), null, null, null, List.of(), null, null, null, null, Map.of(), null, T0, T0);
        store.insert(started, List.of(), T0);
        Deployment finished = new Deployment(d.id(), d.service(), d.environment(), d.version(),
                DeploymentStatus.SUCCEEDED, d.startedAt(), T0.plusSeconds(30), null, null, List.of(), null, null, null,
                null, Map.of(), null, T0, T0.plusSeconds(30));
        store.update(finished, T0.plusSeconds(30));
        assertThat(store.statusCounts()).containsExactlyInAnyOrder(
                new MarkerStore.StatusCount("checkout", "production", DeploymentStatus.STARTED, 1),
                new MarkerStore.StatusCount("checkout", "production", DeploymentStatus.SUCCEEDED, 1));
        assertThat(store.find(d.id()).orElseThrow().status()).isEqualTo(DeploymentStatus.SUCCEEDED);
    }

    @Test
    void servicesNameTheirNewestDeployment() {
        store.insert(deployment("checkout", "production", "1", T0, null), List.of(), T0);
        store.insert(deployment("checkout", "production", "2", T0.plusSeconds(10), null), List.of(), T0);
        store.insert(deployment("checkout", "staging", "3", T0, null), List.of(), T0);
        assertThat(store.services()).extracting(s -> s.service() + "/" + s.environment() + "=" + s.latest().version())
                .containsExactly("checkout/production=2", "checkout/staging=3");
    }

    @Test
    void aClaimedDeliveryIsNotHandedOutTwiceUntilItsLeaseEnds() {
        Deployment d = deployment("checkout", "production", "2.1.0", T0, null);
        store.insert(d, List.of("webhook:a"), T0);
        List<DeliveryQueue.Task> first = store.claimDue("server-1", T0, Duration.ofSeconds(60), 10);
        List<DeliveryQueue.Task> second = store.claimDue("server-2", T0.plusSeconds(1), Duration.ofSeconds(60), 10);
        assertThat(first).hasSize(1);
        assertThat(first.get(0).deliveryKey()).isEqualTo(d.id() + ":webhook:a:1");
        assertThat(second).isEmpty();
        List<DeliveryQueue.Task> afterLease = store.claimDue("server-2", T0.plusSeconds(61), Duration.ofSeconds(60), 10);
        assertThat(afterLease).hasSize(1);
    }

    @Test
    void deliveredRevisionIsNotDueAgainButAChangeIs() {
        Deployment d = deployment("checkout", "production", "2.1.0", T0, null);
        store.insert(d, List.of("grafana"), T0);
        DeliveryQueue.Task task = store.claimDue("s1", T0, Duration.ofSeconds(60), 10).get(0);
        store.delivered(task, "s1", "17", T0.plusSeconds(1));
        assertThat(store.claimDue("s1", T0.plusSeconds(2), Duration.ofSeconds(60), 10)).isEmpty();
        assertThat(store.deliveries(d.id())).extracting(DeliveryState::state).containsExactly("delivered");

        Deployment rolledBack = new Deployment(d.id(), d.service(), d.environment(), d.version(),
                DeploymentStatus.ROLLED_BACK, d.startedAt(), d.finishedAt(), d.commitSha(), d.repositoryUrl(),
                d.commits(), d.pipelineRunId(), d.pipelineRunUrl(), d.actor(), d.description(), d.tags(), null,
                d.createdAt(), T0.plusSeconds(3));
        store.update(rolledBack, T0.plusSeconds(3));
        List<DeliveryQueue.Task> again = store.claimDue("s1", T0.plusSeconds(3), Duration.ofSeconds(60), 10);
        assertThat(again).hasSize(1);
        assertThat(again.get(0).revision()).isEqualTo(2);
        assertThat(again.get(0).externalRef()).isEqualTo("17");
        assertThat(again.get(0).deployment().status()).isEqualTo(DeploymentStatus.ROLLED_BACK);
    }

    @Test
    void failedDeliveryWaitsForItsRetryTimeAndShowsItsError() {
        Deployment d = deployment("checkout", "production", "2.1.0", T0, null);
        store.insert(d, List.of("datadog"), T0);
        DeliveryQueue.Task task = store.claimDue("s1", T0, Duration.ofSeconds(60), 10).get(0);
        store.failed(task, "s1", "datadog: 503 Service Unavailable", T0.plusSeconds(30), T0.plusSeconds(1));
        assertThat(store.claimDue("s1", T0.plusSeconds(10), Duration.ofSeconds(60), 10)).isEmpty();
        DeliveryState state = store.deliveries(d.id()).get(0);
        assertThat(state.state()).isEqualTo("retrying");
        assertThat(state.attempts()).isEqualTo(1);
        assertThat(state.lastError()).isEqualTo("datadog: 503 Service Unavailable");
        assertThat(state.nextAttemptAt()).isEqualTo(T0.plusSeconds(30));
        assertThat(store.claimDue("s1", T0.plusSeconds(30), Duration.ofSeconds(60), 10)).hasSize(1);
    }

    @Test
    void givenUpDeliveryIsFailedAndNotDue() {
        Deployment d = deployment("checkout", "production", "2.1.0", T0, null);
        store.insert(d, List.of("grafana"), T0);
        DeliveryQueue.Task task = store.claimDue("s1", T0, Duration.ofSeconds(60), 10).get(0);
        store.failed(task, "s1", "grafana: 401 Unauthorized", null, T0);
        assertThat(store.claimDue("s1", T0.plusSeconds(3600), Duration.ofSeconds(60), 10)).isEmpty();
        assertThat(store.deliveries(d.id()).get(0).state()).isEqualTo("failed");
    }

    private static DeploymentQuery query(String service, int limit, DeploymentQuery.Cursor cursor) {
        return new DeploymentQuery(service, null, null, null, limit, cursor);
    }
}
