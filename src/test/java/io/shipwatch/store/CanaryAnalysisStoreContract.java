package io.shipwatch.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.shipwatch.gate.CanaryAnalysis;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link JdbcCanaryAnalysisStore} on each database: an analysis comes back whole, lists are newest first, filtered. */
abstract class CanaryAnalysisStoreContract {
    private Database database;
    private JdbcCanaryAnalysisStore store;

    abstract Database open();

    @BeforeEach
    void setUp() {
        database = open();
        store = new JdbcCanaryAnalysisStore(database);
    }

    @AfterEach
    void close() {
        database.close();
    }

    static CanaryAnalysis analysis(String id, String service, String deploymentId, long minute) {
        Instant start = Instant.parse("2026-11-26T14:00:00Z").plusSeconds(60 * minute);
        CanaryAnalysis.Metric errors = new CanaryAnalysis.Metric("error_ratio", "high", true,
                List.of(0.11, 0.12, 0.105), List.of(0.003, 0.0025, 0.004), 0.107, 0.1, 0.118, 0.0012, 36.5,
                "canary higher: shift 0.107");
        CanaryAnalysis.Metric empty = new CanaryAnalysis.Metric("cpu", "nodata", false, List.of(), List.of(), null, null,
                null, null, null, "no data for both groups");
        CanaryAnalysis.Judged judged = new CanaryAnalysis.Judged(start, start.plusSeconds(120), "rollback", 0,
                "critical metric 'error_ratio' failed", List.of(errors, empty));
        return new CanaryAnalysis(id, "checkout-canary", service, "production", "2.31.0", deploymentId, "run",
                "rolled_back", "analysis failed at step 2/5", 0.0, 0.95, start, start.plusSeconds(300),
                List.of(new CanaryAnalysis.Step("setWeight", 10, null, null, null, List.of()),
                        new CanaryAnalysis.Step("pause", 10, 60_000L, null, null, List.of()),
                        new CanaryAnalysis.Step("analyze", 10, null, "failed", "1/3 measured", List.of(judged))));
    }

    @Test
    void anAnalysisComesBackWithItsStepsAndPoints() {
        CanaryAnalysis a = analysis("a", "checkout", "deploy-1", 1);
        store.save(a);
        assertThat(store.find("a")).contains(a);
        assertThat(store.find("b")).isEmpty();
    }

    @Test
    void listsNewestFirstByServiceCanaryAndDeployment() {
        store.save(analysis("a", "checkout", "deploy-1", 1));
        store.save(analysis("b", "search", "deploy-2", 5));
        store.save(analysis("c", "checkout", null, 3));
        assertThat(store.recent(null, null, null, 10)).extracting(CanaryAnalysis::id).containsExactly("b", "c", "a");
        assertThat(store.recent("checkout", null, null, 10)).extracting(CanaryAnalysis::id).containsExactly("c", "a");
        assertThat(store.recent(null, "checkout-canary", "deploy-1", 10)).extracting(CanaryAnalysis::id)
                .containsExactly("a");
        assertThat(store.recent(null, "other-canary", null, 10)).isEmpty();
        assertThat(store.recent(null, null, null, 2)).extracting(CanaryAnalysis::id).containsExactly("b", "c");
    }
}
