package io.shipwatch.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PipelineServiceTest {
    static final String TRACE = "0af7651916cd43dd8448eb211c80319c";

    @Test
    void aReportedSpanNeverMovesBack() {
        PipelineSpan queued = span(100, true);
        PipelineSpan running = span(200, true);
        PipelineSpan done = span(300, false);
        assertThat(PipelineService.advances(null, queued)).as("new").isTrue();
        assertThat(PipelineService.advances(queued, running)).as("in progress after queued").isTrue();
        assertThat(PipelineService.advances(running, queued)).as("queued delivered late").isFalse();
        assertThat(PipelineService.advances(running, done)).as("completed").isTrue();
        assertThat(PipelineService.advances(done, running)).as("in progress delivered after completed").isFalse();
        assertThat(PipelineService.advances(done, done)).as("redelivered").isTrue();
    }

    private static PipelineSpan span(long end, boolean unfinished) {
        return new PipelineSpan(TRACE, "b7ad6b7169203331", null, "Build", 0, end, SpanStatus.UNSET, null,
                unfinished ? Map.of(PipelineSpan.UNFINISHED, true) : Map.of(), null);
    }
}
