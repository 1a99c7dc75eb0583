package io.shipwatch.http;

import com.google.protobuf.CodedOutputStream;
import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRoutingApi;
import io.opentelemetry.proto.collector.trace.v1.ExportTracePartialSuccess;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.shipwatch.core.InputException;
import io.shipwatch.json.Json;
import io.shipwatch.pipeline.OtlpTraces;
import io.shipwatch.pipeline.PipelineService;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * The OTLP/HTTP trace receiver, {@code POST /v1/traces}, as the OTLP specification (protocol/otlp.md, "OTLP/HTTP")
 * describes it: protobuf or JSON bodies, optionally gzip-compressed, up to its own size limit (larger than the JSON
 * API's, since one batch of a large test report is several MiB); 200 with a partial-success count when some
 * spans were invalid; 400 with a {@code google.rpc.Status} for a body that cannot be read, 413 past the size limit,
 * 415 for another content type.
 */
public final class OtlpRoutes implements ApiServer.RouteGroup {
    static final String PROTOBUF = "application/x-protobuf";
    static final String JSON = "application/json";
    /** google.rpc.Code INVALID_ARGUMENT. */
    private static final int INVALID_ARGUMENT = 3;

    private final PipelineService pipelines;
    private final long maxBytes;

    /** {@code maxBytes} bounds the body both as sent and, when gzip-compressed, once decompressed. */
    public OtlpRoutes(PipelineService pipelines, long maxBytes) {
        this.pipelines = pipelines;
        this.maxBytes = maxBytes;
    }

    @Override
    public void register(JavalinDefaultRoutingApi routes) {
        routes.post("/v1/traces", this::traces);
    }

    private void traces(Context ctx) throws IOException {
        String type = mediaType(ctx.contentType());
        boolean protobuf = type.equals(PROTOBUF);
        if (!protobuf && !type.equals(JSON)) {
            status(ctx, 415, false, "Content-Type '" + ctx.contentType() + "' is not supported; send "
                    + PROTOBUF + " or " + JSON);
            return;
        }
        String encoding = ctx.header("Content-Encoding");
        boolean gzip = encoding != null && encoding.equalsIgnoreCase("gzip");
        if (!gzip && encoding != null && !encoding.isBlank() && !encoding.equalsIgnoreCase("identity")) {
            status(ctx, 415, protobuf, "Content-Encoding '" + encoding + "' is not supported; send gzip or none");
            return;
        }
        // this route's own limit, beyond the server's body limit for the JSON API: read here, not by ctx.bodyAsBytes()
        byte[] body = readAtMost(ctx.req().getInputStream(), maxBytes);
        if (body == null) {
            status(ctx, 413, protobuf, "the body is larger than " + maxBytes + " bytes; send smaller batches");
            return;
        }
        if (gzip) {
            body = gunzip(ctx, body, protobuf);
            if (body == null) {
                return;
            }
        }
        OtlpTraces.Decoded decoded;
        try {
            decoded = protobuf ? OtlpTraces.protobuf(body) : OtlpTraces.json(body);
        } catch (InputException e) {
            status(ctx, 400, protobuf, e.getMessage());
            return;
        }
        pipelines.ingest(decoded.spans());
        answer(ctx, protobuf, decoded);
    }

    private byte[] gunzip(Context ctx, byte[] compressed, boolean protobuf) throws IOException {
        byte[] body;
        try (InputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(compressed))) {
            body = readAtMost(in, maxBytes);
        } catch (IOException e) {
            status(ctx, 400, protobuf, "the body is not valid gzip: " + e.getMessage());
            return null;
        }
        if (body == null) {
            status(ctx, 413, protobuf, "the decompressed body is larger than " + maxBytes + " bytes; send smaller batches");
        }
        return body;
    }

    /** All of {@code in}, or null as soon as it passes {@code limit} bytes (so a zip bomb stops at the limit). */
    private static byte[] readAtMost(InputStream in, long limit) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        int n;
        while ((n = in.read(buffer)) > 0) {
            out.write(buffer, 0, n);
            if (out.size() > limit) {
                return null;
            }
        }
        return out.toByteArray();
    }

    private static void answer(Context ctx, boolean protobuf, OtlpTraces.Decoded decoded) {
        String message = decoded.rejected() == 0 ? "" : decoded.rejected() + " spans rejected; first: " + decoded.firstError();
        if (protobuf) {
            ExportTraceServiceResponse.Builder response = ExportTraceServiceResponse.newBuilder();
            if (decoded.rejected() > 0) {
                response.setPartialSuccess(ExportTracePartialSuccess.newBuilder()
                        .setRejectedSpans(decoded.rejected()).setErrorMessage(message));
            }
            ctx.status(200).contentType(PROTOBUF).result(response.build().toByteArray());
            return;
        }
        Map<String, Object> body = new LinkedHashMap<>();
        if (decoded.rejected() > 0) {
            // proto3 JSON writes int64 as a string
            Map<String, Object> partial = new LinkedHashMap<>();
            partial.put("rejectedSpans", String.valueOf(decoded.rejected()));
            partial.put("errorMessage", message);
            body.put("partialSuccess", partial);
        }
        ctx.status(200).contentType(JSON).result(Json.write(body));
    }

    /** An error answer: a google.rpc.Status in the request's encoding, as OTLP/HTTP asks of 4xx responses. */
    private static void status(Context ctx, int httpStatus, boolean protobuf, String message) throws IOException {
        if (protobuf) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            CodedOutputStream out = CodedOutputStream.newInstance(bytes);
            out.writeInt32(1, INVALID_ARGUMENT);
            out.writeString(2, message);
            out.flush();
            ctx.status(httpStatus).contentType(PROTOBUF).result(bytes.toByteArray());
        } else {
            ctx.status(httpStatus).contentType(JSON).result(Json.write(new java.util.TreeMap<>(Map.of("code", INVALID_ARGUMENT, "message", message))));
        }
    }

    private static String mediaType(String contentType) {
        if (contentType == null) {
            return "";
        }
        int semicolon = contentType.indexOf(';');
        return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
    }
}
