package io.shipwatch.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.shipwatch.loadtest.LoadTestParsers;
import io.shipwatch.loadtest.LoadTestResult;
import io.shipwatch.loadtest.LoadTestRun;
import io.shipwatch.loadtest.LoadTestRunStore;
import io.shipwatch.loadtest.RunStatus;
import io.shipwatch.loadtest.ServiceMetric;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The load-test run store, run against SQLite and PostgreSQL by its subclasses. */
abstract class LoadTestRunStoreContract {
    private Database database;
    private LoadTestRunStore store;

    abstract Database open();

    @BeforeEach
    void openStore() {
        database = open();
        store = new JdbcLoadTestRunStore(database);
    }

    @AfterEach
    void closeStore() {
        database.close();
    }

    static LoadTestResult fixture(String name) {
        try (InputStream in = LoadTestRunStoreContract.class.getResourceAsStream("/loadtest/" + name)) {
            return LoadTestParsers.read(in, name, name, LoadTestParsers.AUTO);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private LoadTestRun run(String version, RunStatus status, long recordedAtSecond, String file) {
        return new LoadTestRun(null, "checkout", "smoke", version, status, Instant.ofEpochSecond(recordedAtSecond),
                fixture(file), List.of(new ServiceMetric("cpu", "CPU", "cores", 0.5, 0.75, null)));
    }

    @Test
    void aRawRunReadsBackWholeWithItsHistograms() {
        LoadTestRun saved = store.insert(run("2.0.4", RunStatus.PASSED, 1_764_165_600L, "jmeter-csv/default-17.jtl"));

        LoadTestRun back = store.get(saved.id()).orElseThrow();

        assertThat(back.id()).isEqualTo(saved.id());
        assertThat(back.version()).isEqualTo("2.0.4");
        assertThat(back.status()).isEqualTo(RunStatus.PASSED);
        assertThat(back.serviceMetrics()).containsExactly(new ServiceMetric("cpu", "CPU", "cores", 0.5, 0.75, null));
        assertThat(back.result().total()).isEqualTo(saved.result().total());
        assertThat(back.result().labels()).isEqualTo(saved.result().labels());
        assertThat(back.result().raw()).isTrue();
        assertThat(back.result().startedAt()).isEqualTo(saved.result().startedAt());
        for (String label : saved.result().histograms().keySet()) {
            assertThat(back.result().histograms().get(label).bins()).isEqualTo(saved.result().histograms().get(label).bins());
        }
    }

    @Test
    void anAggregatedRunKeepsItsMissingMetricsMissing() {
        LoadTestRun saved = store.insert(run("1", RunStatus.UNJUDGED, 1_764_165_600L, "locust-history/run_stats_history.csv"));

        LoadTestRun back = store.get(saved.id()).orElseThrow();

        assertThat(back.result().labels()).isEqualTo(saved.result().labels());
        assertThat(back.result().total().p95Ms()).isNull();
        assertThat(back.result().histograms()).isEmpty();
    }

    @Test
    void findsNewestFirstByStatusAndVersion() {
        store.insert(run("1.0", RunStatus.PASSED, 100, "gatling-log/simulation-3.2.log"));
        store.insert(run("1.1", RunStatus.FAILED, 200, "gatling-log/simulation-3.2.log"));
        store.insert(run("1.2", RunStatus.PASSED, 300, "gatling-log/simulation-3.2.log"));
        store.insert(new LoadTestRun(null, "cart", "smoke", "9", RunStatus.PASSED, Instant.ofEpochSecond(400),
                fixture("gatling-log/simulation-3.2.log"), List.of()));

        List<LoadTestRun> passed = store.find(new LoadTestRunStore.RunQuery("checkout", "smoke", RunStatus.PASSED, null, 5));
        List<LoadTestRun> pinned = store.find(new LoadTestRunStore.RunQuery("checkout", "smoke", null, "1.1", 1));
        List<LoadTestRun> newest = store.find(new LoadTestRunStore.RunQuery("checkout", "smoke", null, null, 2));

        assertThat(passed).extracting(LoadTestRun::version).containsExactly("1.2", "1.0");
        assertThat(pinned).extracting(LoadTestRun::version).containsExactly("1.1");
        assertThat(newest).extracting(LoadTestRun::version).containsExactly("1.2", "1.1");
        assertThat(store.get("no-such-id")).isEmpty();
        assertThat(store.latestPerScenario(1000)).extracting(r -> r.service() + "/" + r.scenario() + "=" + r.version())
                .containsExactly("cart/smoke=9", "checkout/smoke=1.2");
    }
}
