package io.shipwatch.pipeline;

import java.util.List;
import java.util.Map;

/**
 * One span of a pipeline trace: a run, a job, its queue time, a step or a test case. Ids are lower-case hex (32
 * digits for the trace, 16 for spans); {@code parentSpanId} is null for a root. Times are Unix epoch nanoseconds, as
 * in OTLP. Attribute values are String, Long, Double or Boolean.
 */
public record PipelineSpan(
        String traceId,
        String spanId,
        String parentSpanId,
        String name,
        long startNanos,
        long endNanos,
        SpanStatus status,
        String statusMessage,
        Map<String, Object> attributes,
        List<SpanLink> links) {

    /** Marks a span whose end is not known yet (a step still running, a job a webhook reported as in progress). */
    public static final String UNFINISHED = "shipwatch.span.unfinished";

    public PipelineSpan {
        attributes = attributes == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(attributes));
        links = links == null ? List.of() : List.copyOf(links);
        status = status == null ? SpanStatus.UNSET : status;
    }

    public long durationNanos() {
        return Math.max(0, endNanos - startNanos);
    }

    /** The attribute {@code key} as text, or null. */
    public String attribute(String key) {
        Object v = attributes.get(key);
        return v == null ? null : String.valueOf(v);
    }

    public boolean unfinished() {
        return Boolean.TRUE.equals(attributes.get(UNFINISHED));
    }

    /** This span with {@code extra} attributes added (replacing those of the same keys). */
    public PipelineSpan withAttributes(Map<String, Object> extra) {
        Map<String, Object> merged = new java.util.LinkedHashMap<>(attributes);
        merged.putAll(extra);
        return new PipelineSpan(traceId, spanId, parentSpanId, name, startNanos, endNanos, status, statusMessage, merged,
                links);
    }
}
