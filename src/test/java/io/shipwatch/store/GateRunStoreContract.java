package io.shipwatch.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.shipwatch.core.TimeWindow;
import io.shipwatch.gate.GateResult;
import io.shipwatch.gate.GateRun;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link JdbcGateRunStore} on each database: what is saved comes back, newest first, filtered. */
abstract class GateRunStoreContract {
    private Database database;
    private JdbcGateRunStore store;

    abstract Database open();

    @BeforeEach
    void setUp() {
        database = open();
        store = new JdbcGateRunStore(database);
    }

    @AfterEach
    void close() {
        database.close();
    }

    private static GateRun run(String id, String service, GateResult result, Double score, long minute) {
        Instant at = Instant.parse("2026-11-26T14:00:00Z").plusSeconds(60 * minute);
        return new GateRun(id, "checkout", service, "production", "2.1." + minute, "deploy-" + id, result, score,
                new TimeWindow(at.minusSeconds(600), at), at, "why " + id,
                List.of(new GateRun.Measured("error_rate", 0.001 * minute, "pass", 20),
                        new GateRun.Measured("latency", null, "nodata", 0)));
    }

    @Test
    void savedResultsComeBackNewestFirst() {
        store.save(run("a", "checkout", GateResult.PASS, 100.0, 1));
        store.save(run("b", "checkout", GateResult.FAIL, 40.0, 3));
        store.save(run("c", "checkout", GateResult.ERROR, null, 2));
        List<GateRun> runs = store.recent("checkout", null, null, 10);
        assertThat(runs).extracting(GateRun::id).containsExactly("b", "c", "a");
        assertThat(runs.get(0)).isEqualTo(run("b", "checkout", GateResult.FAIL, 40.0, 3));
        assertThat(runs.get(1).score()).isNull();
        assertThat(runs.get(2).objectives().get(1).value()).isNull();
    }

    @Test
    void keepsWhatJudgedEachObjectiveAndTheScoreTargets() {
        Instant at = Instant.parse("2026-11-26T14:00:00Z");
        GateRun full = new GateRun("full", "release-health", "search", "production", "3.0.0", "deploy-9",
                GateResult.WARNING, 87.5, new TimeWindow(at.minusSeconds(900), at), at, "score 87.5 < pass 90",
                List.of(new GateRun.Measured("p95", 0.34, "warning", 31, 0.5, 1.0, false, "< 0.3", "< 0.4",
                        "histogram_quantile(0.95, x)", null, "violates < 0.3; meets warning < 0.4")), 90.0, 75.0);
        store.save(full);
        store.save(run("a", "checkout", GateResult.PASS, 100.0, 1));
        assertThat(store.find("full")).contains(full);
        assertThat(store.find("a").orElseThrow().passTarget()).isNull();
        assertThat(store.find("nope")).isEmpty();
    }

    @Test
    void listsVerdictsOfAnyGateByServiceGateAndDeployment() {
        store.save(run("a", "checkout", GateResult.PASS, 100.0, 1));
        store.save(run("b", "search", GateResult.FAIL, 40.0, 3));
        store.save(run("c", "checkout", GateResult.WARNING, 80.0, 2));
        assertThat(store.verdicts(null, null, null, 10)).extracting(GateRun::id).containsExactly("b", "c", "a");
        assertThat(store.verdicts("checkout", null, null, 10)).extracting(GateRun::id).containsExactly("c", "a");
        assertThat(store.verdicts(null, "checkout", "deploy-a", 10)).extracting(GateRun::id).containsExactly("a");
        assertThat(store.verdicts(null, "other", null, 10)).isEmpty();
        assertThat(store.verdicts(null, null, null, 1)).extracting(GateRun::id).containsExactly("b");
    }

    @Test
    void findsFailedResultsOfDeployments() {
        store.save(run("a", "checkout", GateResult.FAIL, 10.0, 1));
        store.save(run("b", "checkout", GateResult.PASS, 100.0, 2));
        store.save(run("c", "checkout", GateResult.FAIL, 20.0, 3));
        assertThat(store.failedFor(List.of("deploy-a", "deploy-b", "deploy-x"))).extracting(GateRun::id)
                .containsExactly("a");
        assertThat(store.failedFor(List.of())).isEmpty();
    }

    @Test
    void filtersByServiceAndLimits() {
        store.save(run("a", "checkout", GateResult.PASS, 100.0, 1));
        store.save(run("b", "cart", GateResult.PASS, 100.0, 2));
        store.save(run("c", "checkout", GateResult.PASS, 100.0, 3));
        assertThat(store.recent("checkout", "checkout", "production", 1)).extracting(GateRun::id).containsExactly("c");
        assertThat(store.recent("checkout", "cart", null, 5)).extracting(GateRun::id).containsExactly("b");
        assertThat(store.recent("other", null, null, 5)).isEmpty();
    }
}
