package io.shipwatch.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class RunSummaryTest {
    private static final long S = 1_000_000_000L;

    private static PipelineSpan span(String id, String parent, long start, long end) {
        return new PipelineSpan("t", id, parent, id, start * S, end * S, SpanStatus.OK, null, null, null);
    }

    @Test
    void suiteRunningPastItsStepDoesNotLengthenTheRun() {
        RunSummary run = RunSummary.of(List.of(span("run", null, 0, 100), span("tests", "run", 40, 100),
                span("suite", "tests", 40, 190), span("case", "suite", 180, 190)));

        assertThat(run.endNanos()).isEqualTo(100 * S);
        assertThat(run.durationMillis()).isEqualTo(100_000);
    }
}
