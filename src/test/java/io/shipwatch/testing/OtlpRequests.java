package io.shipwatch.testing;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HexFormat;
import java.util.zip.GZIPOutputStream;

/** Builds OTLP trace requests with the protobuf classes and posts raw bodies, for receiver tests. */
public final class OtlpRequests {
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private OtlpRequests() {
    }

    /** A raw answer: status, content type and body bytes. */
    public record Answer(int status, String contentType, byte[] body) {
        public String text() {
            return new String(body, java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    public static Span span(String traceId, String spanId, String parentId, String name, long start, long end,
                            Status.StatusCode code, String... attributes) {
        Span.Builder b = Span.newBuilder().setTraceId(bytes(traceId)).setSpanId(bytes(spanId)).setName(name)
                .setStartTimeUnixNano(start).setEndTimeUnixNano(end)
                .setStatus(Status.newBuilder().setCode(code));
        if (parentId != null) {
            b.setParentSpanId(bytes(parentId));
        }
        for (int i = 0; i + 1 < attributes.length; i += 2) {
            b.addAttributes(KeyValue.newBuilder().setKey(attributes[i])
                    .setValue(AnyValue.newBuilder().setStringValue(attributes[i + 1])));
        }
        return b.build();
    }

    public static ExportTraceServiceRequest request(String serviceName, Span... spans) {
        return ExportTraceServiceRequest.newBuilder().addResourceSpans(ResourceSpans.newBuilder()
                .setResource(Resource.newBuilder().addAttributes(KeyValue.newBuilder().setKey("service.name")
                        .setValue(AnyValue.newBuilder().setStringValue(serviceName))))
                .addScopeSpans(ScopeSpans.newBuilder().addAllSpans(java.util.List.of(spans)))).build();
    }

    public static ByteString bytes(String hex) {
        return ByteString.copyFrom(HexFormat.of().parseHex(hex));
    }

    public static byte[] gzip(byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** POSTs {@code body} with the given headers (name, value, ...). */
    public static Answer post(String url, byte[] body, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .timeout(Duration.ofSeconds(30));
        for (int i = 0; i + 1 < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        try {
            HttpResponse<byte[]> r = CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Answer(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
