package io.shipwatch.pipeline;

/** A link from one span to a span of another trace, such as a re-run's root to the previous attempt's root. */
public record SpanLink(String traceId, String spanId) {
}
