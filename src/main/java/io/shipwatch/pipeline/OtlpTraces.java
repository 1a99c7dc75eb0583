package io.shipwatch.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.shipwatch.core.InputException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads an OTLP trace export request ({@code ExportTraceServiceRequest}) in its protobuf or JSON encoding into
 * pipeline spans. A body that is not such a request is an {@link InputException}; a span with an invalid trace or
 * span id is left out and counted, for the OTLP partial-success answer. Resource attributes (service.name, the CI
 * attributes some emitters put there) are copied onto each span that lacks them.
 */
public final class OtlpTraces {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Spans in one request; exporters send batches of 512 (the SDK's default) to 2,000 (Shipwatch's CLI). */
    public static final int MAX_SPANS = 10_000;
    /** Attributes on one span, as the OpenTelemetry SDK's default attribute count limit. */
    public static final int MAX_ATTRIBUTES = 128;
    /** Characters in a span name or an attribute key. */
    public static final int MAX_NAME_CHARS = 1024;
    /** Characters kept of a string attribute value or status message; longer ones are cut, as the SDK's limits do. */
    public static final int MAX_VALUE_CHARS = 8192;

    /** The spans taken, how many were rejected, and why the first one was. */
    public record Decoded(List<PipelineSpan> spans, int rejected, String firstError) {
    }

    private final List<PipelineSpan> spans = new ArrayList<>();
    private int rejected;
    private String firstError;

    private OtlpTraces() {
    }

    /** Decodes the binary protobuf encoding (Content-Type application/x-protobuf). */
    public static Decoded protobuf(byte[] body) {
        ExportTraceServiceRequest request;
        try {
            request = ExportTraceServiceRequest.parseFrom(body);
        } catch (InvalidProtocolBufferException e) {
            throw new InputException("body", "is not an OTLP ExportTraceServiceRequest in protobuf: " + e.getMessage(),
                    "send the binary protobuf encoding, or JSON with Content-Type application/json");
        }
        long count = request.getResourceSpansList().stream().flatMap(rs -> rs.getScopeSpansList().stream())
                .mapToLong(ScopeSpans::getSpansCount).sum();
        checkSpanCount(count);
        OtlpTraces d = new OtlpTraces();
        for (int r = 0; r < request.getResourceSpansCount(); r++) {
            ResourceSpans rs = request.getResourceSpans(r);
            Map<String, Object> resource = resourceAttributes(attributes(rs.getResource()), "resourceSpans[" + r + "]");
            for (int s = 0; s < rs.getScopeSpansCount(); s++) {
                ScopeSpans ss = rs.getScopeSpans(s);
                for (int i = 0; i < ss.getSpansCount(); i++) {
                    d.add(ss.getSpans(i), resource, "resourceSpans[" + r + "].scopeSpans[" + s + "].spans[" + i + "]");
                }
            }
        }
        return d.result();
    }

    /** Decodes the JSON encoding (OTLP/HTTP JSON: lowerCamelCase fields, hex ids, enums as numbers). */
    public static Decoded json(byte[] body) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            var at = e.getLocation();
            throw new InputException(at == null ? "body" : "body:" + at.getLineNr() + ":" + at.getColumnNr(),
                    "is not JSON: " + JsonSource.reason(e), "send an OTLP ExportTraceServiceRequest as JSON");
        } catch (IOException e) {
            throw new InputException("body", "cannot be read: " + e.getMessage(), null);
        }
        if (root == null || !root.isObject()) {
            throw new InputException("body", "is not a JSON object", "send an OTLP ExportTraceServiceRequest as JSON");
        }
        OtlpTraces d = new OtlpTraces();
        JsonNode resourceSpans = array(root, "resourceSpans", "");
        long count = 0;
        for (int r = 0; r < resourceSpans.size(); r++) {
            String rsWhere = "resourceSpans[" + r + "]";
            JsonNode scopeSpans = array(object(resourceSpans.get(r), rsWhere), "scopeSpans", rsWhere + ".");
            for (int s = 0; s < scopeSpans.size(); s++) {
                String ssWhere = rsWhere + ".scopeSpans[" + s + "]";
                count += array(object(scopeSpans.get(s), ssWhere), "spans", ssWhere + ".").size();
            }
        }
        checkSpanCount(count);
        for (int r = 0; r < resourceSpans.size(); r++) {
            JsonNode rs = resourceSpans.get(r);
            String rsWhere = "resourceSpans[" + r + "]";
            Map<String, Object> resource = resourceAttributes(jsonAttributes(rs.path("resource"), rsWhere + ".resource."),
                    rsWhere);
            JsonNode scopeSpans = rs.path("scopeSpans");
            for (int s = 0; s < scopeSpans.size(); s++) {
                JsonNode list = scopeSpans.get(s).path("spans");
                for (int i = 0; i < list.size(); i++) {
                    String where = rsWhere + ".scopeSpans[" + s + "].spans[" + i + "]";
                    d.addJson(object(list.get(i), where), resource, where);
                }
            }
        }
        return d.result();
    }

    private static void checkSpanCount(long count) {
        if (count > MAX_SPANS) {
            throw new InputException("body", "holds " + count + " spans, more than " + MAX_SPANS,
                    "send at most " + MAX_SPANS + " spans per request (exporters batch 512 by default)");
        }
    }

    /** {@code node.field} as an array: empty when absent, an input error naming the field when it is anything else. */
    private static JsonNode array(JsonNode node, String field, String prefix) {
        JsonNode v = node.path(field);
        if (v.isMissingNode() || v.isNull()) {
            return JSON.createArrayNode();
        }
        if (!v.isArray()) {
            throw new InputException(prefix + field, "is " + v.getNodeType().name().toLowerCase(java.util.Locale.ROOT)
                    + ", not an array", "send an OTLP ExportTraceServiceRequest as JSON: " + field + " is a list");
        }
        return v;
    }

    private static JsonNode object(JsonNode node, String where) {
        if (!node.isObject()) {
            throw new InputException(where, "is " + node.getNodeType().name().toLowerCase(java.util.Locale.ROOT)
                    + ", not an object", "send an OTLP ExportTraceServiceRequest as JSON");
        }
        return node;
    }

    private Decoded result() {
        return new Decoded(List.copyOf(spans), rejected, firstError);
    }

    private void add(Span span, Map<String, Object> resource, String where) {
        String traceId = hex(span.getTraceId());
        String spanId = hex(span.getSpanId());
        String parent = span.getParentSpanId().isEmpty() ? null : hex(span.getParentSpanId());
        Map<String, Object> attributes = new LinkedHashMap<>();
        span.getAttributesList().forEach(kv -> attributes.put(kv.getKey(), value(kv.getValue())));
        List<SpanLink> links = new ArrayList<>();
        span.getLinksList().forEach(l -> links.add(new SpanLink(hex(l.getTraceId()), hex(l.getSpanId()))));
        SpanStatus status = switch (span.getStatus().getCodeValue()) {
            case 1 -> SpanStatus.OK;
            case 2 -> SpanStatus.ERROR;
            default -> SpanStatus.UNSET;
        };
        accept(where, traceId, spanId, parent, span.getName(), span.getStartTimeUnixNano(), span.getEndTimeUnixNano(),
                status, span.getStatus().getMessage(), attributes, resource, links);
    }

    private void addJson(JsonNode span, Map<String, Object> resource, String where) {
        List<SpanLink> links = new ArrayList<>();
        array(span, "links", where + ".").forEach(l -> links.add(new SpanLink(l.path("traceId").asText(),
                l.path("spanId").asText())));
        JsonNode code = span.path("status").path("code");
        SpanStatus status = code.asInt() == 2 || code.asText().equals("STATUS_CODE_ERROR") ? SpanStatus.ERROR
                : code.asInt() == 1 || code.asText().equals("STATUS_CODE_OK") ? SpanStatus.OK : SpanStatus.UNSET;
        String parent = span.path("parentSpanId").asText("");
        accept(where, span.path("traceId").asText("").toLowerCase(java.util.Locale.ROOT),
                span.path("spanId").asText("").toLowerCase(java.util.Locale.ROOT),
                parent.isEmpty() ? null : parent.toLowerCase(java.util.Locale.ROOT), span.path("name").asText(""),
                nanos(span.path("startTimeUnixNano")), nanos(span.path("endTimeUnixNano")), status,
                span.path("status").path("message").asText(""), jsonAttributes(span, where + "."), resource, links);
    }

    private void accept(String where, String traceId, String spanId, String parent, String name, long start, long end,
                        SpanStatus status, String message, Map<String, Object> attributes, Map<String, Object> resource,
                        List<SpanLink> links) {
        String problem = !TraceIds.isTraceId(traceId) ? "traceId '" + traceId + "' is not 16 bytes, not all zero"
                : !TraceIds.isSpanId(spanId) ? "spanId '" + spanId + "' is not 8 bytes, not all zero"
                : parent != null && !TraceIds.isSpanId(parent) ? "parentSpanId '" + parent + "' is not 8 bytes"
                : start <= 0 ? "startTimeUnixNano is missing or before 1970"
                : name.length() > MAX_NAME_CHARS ? "name is longer than " + MAX_NAME_CHARS + " characters"
                : attributes.size() > MAX_ATTRIBUTES ? "has more than " + MAX_ATTRIBUTES + " attributes"
                : longKey(attributes) != null ? "attribute key '" + longKey(attributes).substring(0, 40)
                + "…' is longer than " + MAX_NAME_CHARS + " characters" : null;
        if (problem != null) {
            rejected++;
            if (firstError == null) {
                firstError = where + ": " + problem;
            }
            return;
        }
        Map<String, Object> merged = new LinkedHashMap<>(resource);
        merged.putAll(attributes);
        merged.replaceAll((k, v) -> v instanceof String text ? cut(text) : v);
        merged.keySet().removeIf(k -> k.length() > MAX_NAME_CHARS); // long resource keys: dropped, the span is kept
        spans.add(new PipelineSpan(traceId, spanId, parent, name, start, Math.max(start, end), status,
                message.isEmpty() ? null : cut(message), merged, links.stream().filter(l -> TraceIds.isTraceId(l.traceId())
                && TraceIds.isSpanId(l.spanId())).toList()));
    }

    /** Resource attributes are copied onto every span: more than the span limit is refused for the whole request. */
    private static Map<String, Object> resourceAttributes(Map<String, Object> attributes, String where) {
        if (attributes.size() > MAX_ATTRIBUTES) {
            throw new InputException(where + ".resource.attributes", "has " + attributes.size() + " attributes, more than "
                    + MAX_ATTRIBUTES, "send at most " + MAX_ATTRIBUTES + " resource attributes");
        }
        return attributes;
    }

    private static String longKey(Map<String, Object> attributes) {
        return attributes.keySet().stream().filter(k -> k.length() > MAX_NAME_CHARS).findFirst().orElse(null);
    }

    private static String cut(String text) {
        return text.length() <= MAX_VALUE_CHARS ? text : text.substring(0, MAX_VALUE_CHARS - 1) + "…";
    }

    private static long nanos(JsonNode n) {
        // proto3 JSON writes 64-bit integers as strings; numbers are accepted too
        if (n.isNumber()) {
            return n.asLong();
        }
        try {
            return n.isTextual() ? Long.parseLong(n.asText()) : 0;
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static Map<String, Object> attributes(Resource resource) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (KeyValue kv : resource.getAttributesList()) {
            map.put(kv.getKey(), value(kv.getValue()));
        }
        return map;
    }

    private static Object value(AnyValue v) {
        return switch (v.getValueCase()) {
            case STRING_VALUE -> v.getStringValue();
            case BOOL_VALUE -> v.getBoolValue();
            case INT_VALUE -> v.getIntValue();
            case DOUBLE_VALUE -> v.getDoubleValue();
            case ARRAY_VALUE -> v.getArrayValue().getValuesList().stream().map(OtlpTraces::value).map(String::valueOf)
                    .toList().toString();
            case BYTES_VALUE -> hex(v.getBytesValue());
            default -> v.toString().trim();
        };
    }

    /** The {@code attributes} list of {@code node}; an attribute list that is not a list is an input error. */
    private static Map<String, Object> jsonAttributes(JsonNode node, String prefix) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (JsonNode kv : array(node, "attributes", prefix)) {
            JsonNode v = kv.path("value");
            Object value;
            if (v.has("stringValue")) {
                value = v.get("stringValue").asText();
            } else if (v.has("boolValue")) {
                value = v.get("boolValue").asBoolean();
            } else if (v.has("intValue")) {
                value = nanos(v.get("intValue"));
            } else if (v.has("doubleValue")) {
                value = v.get("doubleValue").asDouble();
            } else {
                value = v.toString();
            }
            map.put(kv.path("key").asText(), value);
        }
        return map;
    }

    private static String hex(ByteString bytes) {
        return HexFormat.of().formatHex(bytes.toByteArray());
    }
}
