package io.shipwatch.testing;

import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.GZIPInputStream;

/**
 * A second OTLP/HTTP trace receiver for tests, independent of Shipwatch's: a JDK HTTP server on a free loopback port
 * that decodes {@code POST /v1/traces} with the OpenTelemetry protobuf classes and keeps every request.
 */
public final class OtlpCollector implements AutoCloseable {
    private final HttpServer server;
    private final List<ExportTraceServiceRequest> requests = new CopyOnWriteArrayList<>();
    private final List<String> encodings = new CopyOnWriteArrayList<>();

    public OtlpCollector() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/v1/traces", exchange -> {
            try (InputStream raw = exchange.getRequestBody()) {
                boolean gzip = "gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"));
                byte[] body = (gzip ? new GZIPInputStream(raw) : raw).readAllBytes();
                encodings.add(gzip ? "gzip" : "none");
                requests.add(ExportTraceServiceRequest.parseFrom(body));
                byte[] answer = ExportTraceServiceResponse.getDefaultInstance().toByteArray();
                exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
                exchange.sendResponseHeaders(200, answer.length == 0 ? -1 : answer.length);
                exchange.getResponseBody().write(answer);
            } catch (IOException e) {
                exchange.sendResponseHeaders(400, -1);
            } finally {
                exchange.close();
            }
        });
        server.start();
    }

    /** The endpoint to put in OTEL_EXPORTER_OTLP_ENDPOINT. */
    public String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The Content-Encoding of each request received: gzip or none. */
    public List<String> encodings() {
        return List.copyOf(encodings);
    }

    /** Every span received, with its resource. */
    public List<Received> spans() {
        List<Received> all = new ArrayList<>();
        for (ExportTraceServiceRequest r : requests) {
            for (ResourceSpans rs : r.getResourceSpansList()) {
                rs.getScopeSpansList().forEach(ss -> ss.getSpansList().forEach(s -> all.add(new Received(rs, s))));
            }
        }
        return all;
    }

    /** A span and the resource it came with. */
    public record Received(ResourceSpans resource, Span span) {
        public String resourceAttribute(String key) {
            return resource.getResource().getAttributesList().stream().filter(kv -> kv.getKey().equals(key))
                    .map(kv -> kv.getValue().getStringValue()).findFirst().orElse(null);
        }

        public KeyValue attribute(String key) {
            return span.getAttributesList().stream().filter(kv -> kv.getKey().equals(key)).findFirst().orElse(null);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
