package io.shipwatch.otel;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.sdk.common.InstrumentationLibraryInfo;
import io.opentelemetry.sdk.common.InstrumentationScopeInfo;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.data.StatusData;
import io.shipwatch.pipeline.PipelineSpan;
import java.util.List;
import java.util.Map;

/** A finished {@link PipelineSpan} as the OpenTelemetry SDK's exporters take it: ids and times kept exactly. */
final class PipelineSpanData implements SpanData {
    static final InstrumentationScopeInfo SCOPE = InstrumentationScopeInfo.builder("io.shipwatch.pipeline").build();

    private final PipelineSpan span;
    private final Resource resource;
    private final Attributes attributes;

    PipelineSpanData(PipelineSpan span, Resource resource) {
        this.span = span;
        this.resource = resource;
        this.attributes = attributes(span.attributes());
    }

    static Attributes attributes(Map<String, Object> values) {
        AttributesBuilder b = Attributes.builder();
        values.forEach((k, v) -> {
            if (v instanceof Long n) {
                b.put(k, n);
            } else if (v instanceof Integer n) {
                b.put(k, n.longValue());
            } else if (v instanceof Double d) {
                b.put(k, d);
            } else if (v instanceof Boolean flag) {
                b.put(k, flag);
            } else if (v != null) {
                b.put(k, String.valueOf(v));
            }
        });
        return b.build();
    }

    @Override
    public String getName() {
        return span.name();
    }

    @Override
    public SpanKind getKind() {
        return SpanKind.INTERNAL;
    }

    @Override
    public SpanContext getSpanContext() {
        return SpanContext.create(span.traceId(), span.spanId(), TraceFlags.getSampled(), TraceState.getDefault());
    }

    @Override
    public SpanContext getParentSpanContext() {
        return span.parentSpanId() == null ? SpanContext.getInvalid()
                : SpanContext.create(span.traceId(), span.parentSpanId(), TraceFlags.getSampled(), TraceState.getDefault());
    }

    @Override
    public StatusData getStatus() {
        return switch (span.status()) {
            case OK -> StatusData.ok();
            case ERROR -> StatusData.create(StatusCode.ERROR, span.statusMessage() == null ? "" : span.statusMessage());
            case UNSET -> StatusData.unset();
        };
    }

    @Override
    public long getStartEpochNanos() {
        return span.startNanos();
    }

    @Override
    public Attributes getAttributes() {
        return attributes;
    }

    @Override
    public List<EventData> getEvents() {
        return List.of();
    }

    @Override
    public List<LinkData> getLinks() {
        return span.links().stream().map(l -> LinkData.create(SpanContext.create(l.traceId(), l.spanId(),
                TraceFlags.getSampled(), TraceState.getDefault()))).toList();
    }

    @Override
    public long getEndEpochNanos() {
        return span.endNanos();
    }

    @Override
    public boolean hasEnded() {
        return true;
    }

    @Override
    public int getTotalRecordedEvents() {
        return 0;
    }

    @Override
    public int getTotalRecordedLinks() {
        return span.links().size();
    }

    @Override
    public int getTotalAttributeCount() {
        return attributes.size();
    }

    @Override
    @SuppressWarnings("deprecation")
    public InstrumentationLibraryInfo getInstrumentationLibraryInfo() {
        return InstrumentationLibraryInfo.create(SCOPE.getName(), null);
    }

    @Override
    public InstrumentationScopeInfo getInstrumentationScopeInfo() {
        return SCOPE;
    }

    @Override
    public Resource getResource() {
        return resource;
    }
}
