package io.shipwatch.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.shipwatch.pipeline.PipelineSpan;
import io.shipwatch.pipeline.PipelineSummary;
import io.shipwatch.pipeline.RunSummary;
import io.shipwatch.pipeline.SpanLink;
import io.shipwatch.pipeline.SpanStatus;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link JdbcPipelineStore} database must do alike; subclasses open SQLite or PostgreSQL. */
abstract class PipelineStoreContract {
    static final long S = 1_000_000_000L;
    static final String T1 = "0af7651916cd43dd8448eb211c80319c";
    static final String T2 = "1af7651916cd43dd8448eb211c80319c";

    Database database;
    JdbcPipelineStore store;

    abstract Database open();

    @BeforeEach
    void openStore() {
        database = open();
        store = new JdbcPipelineStore(database);
    }

    @AfterEach
    void close() {
        database.close();
    }

    static List<PipelineSpan> run(String trace, long t0, SpanStatus testStatus) {
        return List.of(
                new PipelineSpan(trace, "00000000000000a1", null, "ci", t0, t0 + 100 * S, SpanStatus.OK, null,
                        Map.of("cicd.pipeline.name", "ci", "cicd.pipeline.run.id", "42", "shipwatch.run.attempt", "1"),
                        List.of(new SpanLink(T2, "00000000000000b1"))),
                new PipelineSpan(trace, "00000000000000a2", "00000000000000a1", "build", t0, t0 + 30 * S,
                        SpanStatus.OK, null, Map.of("process.exit.code", 0L), null),
                new PipelineSpan(trace, "00000000000000a3", "00000000000000a1", "test", t0 + 30 * S, t0 + 100 * S,
                        testStatus, testStatus == SpanStatus.ERROR ? "exit code 1" : null, Map.of(), null));
    }

    @Test
    void keepsSpansExactlyAndSummarisesTheRun() {
        store.save(run(T1, 1_795_000_000L * S + 123, SpanStatus.ERROR), 1000);

        List<PipelineSpan> spans = store.spans(T1);
        assertThat(spans).extracting(PipelineSpan::name).containsExactly("ci", "build", "test");
        assertThat(spans.get(0).startNanos()).isEqualTo(1_795_000_000L * S + 123);
        assertThat(spans.get(0).links()).containsExactly(new SpanLink(T2, "00000000000000b1"));
        assertThat(spans.get(1).attribute("process.exit.code")).isEqualTo("0");
        assertThat(spans.get(2).status()).isEqualTo(SpanStatus.ERROR);
        assertThat(spans.get(2).statusMessage()).isEqualTo("exit code 1");
        RunSummary run = store.run(T1).orElseThrow();
        assertThat(run.pipeline()).isEqualTo("ci");
        assertThat(run.runId()).isEqualTo("42");
        assertThat(run.durationMillis()).isEqualTo(100_000);
        assertThat(run.bottleneck()).isEqualTo("00000000000000a3");
        assertThat(run.spanCount()).isEqualTo(3);
    }

    @Test
    void savingTheSameSpansTwiceStoresThemOnceWithTheLaterValues() {
        store.save(run(T1, 0, SpanStatus.ERROR), 1000);
        store.save(run(T1, 0, SpanStatus.OK), 2000);

        assertThat(store.spans(T1)).hasSize(3);
        assertThat(store.spans(T1).get(2).status()).isEqualTo(SpanStatus.OK);
        assertThat(store.runs("ci", 10)).hasSize(1);
    }

    @Test
    void listsRunsNewestFirstAndPipelinesWithTheirLatestRun() {
        store.save(run(T1, 0, SpanStatus.OK), 1000);
        store.save(run(T2, 500 * S, SpanStatus.OK), 1000);

        assertThat(store.runs("ci", 10)).extracting(RunSummary::traceId).containsExactly(T2, T1);
        assertThat(store.runs("ci", 1)).hasSize(1);
        assertThat(store.runs("other", 10)).isEmpty();
        List<PipelineSummary> pipelines = store.pipelines(1000);
        assertThat(pipelines).extracting(PipelineSummary::name).containsExactly("ci");
        assertThat(pipelines.get(0).runs()).isEqualTo(2);
        assertThat(pipelines.get(0).latest().traceId()).isEqualTo(T2);
    }

    @Test
    void spansArrivingLaterUpdateTheRun() {
        List<PipelineSpan> all = run(T1, 0, SpanStatus.OK);
        store.save(all.subList(1, 3), 1000);
        assertThat(store.run(T1).orElseThrow().spanCount()).isEqualTo(2);

        store.save(all.subList(0, 1), 2000);

        assertThat(store.run(T1).orElseThrow().spanCount()).isEqualTo(3);
        assertThat(store.run(T1).orElseThrow().rootSpanId()).isEqualTo("00000000000000a1");
    }
}
