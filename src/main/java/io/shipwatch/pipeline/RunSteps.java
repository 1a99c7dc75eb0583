package io.shipwatch.pipeline;

import java.util.List;

/** One run of a pipeline with its spans, as the trend analysis reads it; {@code label} names it to people (run #). */
public record RunSteps(String traceId, String label, long startNanos, List<PipelineSpan> spans) {
}
