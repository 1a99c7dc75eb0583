package io.shipwatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.trace.v1.Status.StatusCode;
import io.shipwatch.testing.Http;
import io.shipwatch.testing.OtlpRequests;
import io.shipwatch.testing.OtlpRequests.Answer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The OTLP/HTTP receiver and the run API on a real server over a SQLite file. */
class OtlpReceiverIT {
    static final long S = 1_000_000_000L;
    static final long T0 = 1_795_000_000L * S;
    static final String TRACE = "5b8efff798038103d269b633813fc60c";
    static final String PROTOBUF = "application/x-protobuf";

    @TempDir
    Path dir;

    private ShipwatchServer server;
    private String base;

    private void start(Map<String, String> env) {
        ServerSettings settings = ServerSettings.resolve(0, null, "jdbc:sqlite:" + dir.resolve("otlp.db"), Config.empty(), env);
        server = new ShipwatchServer(settings, Clock.systemUTC());
        base = "http://127.0.0.1:" + server.start();
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    /** A run with two parallel jobs; the longer one's test step set the wall time. */
    static ExportTraceServiceRequest parallelJobs(String badSpanId) {
        return OtlpRequests.request("ci",
                OtlpRequests.span(TRACE, "00000000000000a1", null, "ci", T0, T0 + 100 * S, StatusCode.STATUS_CODE_ERROR,
                        "cicd.pipeline.name", "ci", "cicd.pipeline.run.id", "7"),
                OtlpRequests.span(TRACE, "00000000000000b1", "00000000000000a1", "lint", T0, T0 + 20 * S, StatusCode.STATUS_CODE_OK),
                OtlpRequests.span(TRACE, "00000000000000b2", "00000000000000a1", "build", T0, T0 + 100 * S, StatusCode.STATUS_CODE_ERROR),
                OtlpRequests.span(TRACE, "00000000000000c1", "00000000000000b2", "compile", T0, T0 + 30 * S, StatusCode.STATUS_CODE_OK),
                OtlpRequests.span(TRACE, "00000000000000c2", "00000000000000b2", "test", T0 + 30 * S, T0 + 100 * S,
                        StatusCode.STATUS_CODE_ERROR),
                OtlpRequests.span(TRACE, badSpanId, "00000000000000b2", "bad", T0, T0 + S, StatusCode.STATUS_CODE_OK));
    }

    @Test
    void protobufBatchIsStoredWithCriticalPathAndBottleneck() throws Exception {
        start(Map.of());
        Answer answer = OtlpRequests.post(base + "/v1/traces", parallelJobs("00000000000000c3").toByteArray(),
                "Content-Type", PROTOBUF);

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.contentType()).isEqualTo(PROTOBUF);
        assertThat(ExportTraceServiceResponse.parseFrom(answer.body()).hasPartialSuccess()).isFalse();
        JsonNode run = Http.get(base + "/api/v1/runs/" + TRACE).json();
        assertThat(run.get("traceId").asText()).isEqualTo(TRACE);
        assertThat(run.get("spans")).hasSize(6);
        JsonNode test = Arrays.stream(toArray(run.get("spans"))).filter(s -> s.get("name").asText().equals("test")).findFirst().orElseThrow();
        assertThat(test.get("parentSpanId").asText()).isEqualTo("00000000000000b2");
        assertThat(test.get("status").asText()).isEqualTo("error");
        assertThat(test.get("startTime").asText()).isEqualTo("2026-11-18T11:07:10Z");
        assertThat(test.get("durationMs").asDouble()).isEqualTo(70_000);
        assertThat(run.get("criticalPath").toString())
                .isEqualTo("[\"00000000000000a1\",\"00000000000000b2\",\"00000000000000c1\",\"00000000000000c2\"]");
        assertThat(run.get("bottleneck").asText()).isEqualTo("00000000000000c2");
        JsonNode pipelines = Http.get(base + "/api/v1/pipelines").json();
        assertThat(pipelines.get("items").get(0).get("name").asText()).isEqualTo("ci");
        assertThat(Http.get(base + "/api/v1/pipelines/ci/runs").json().get("items").get(0).get("runId").asText()).isEqualTo("7");
    }

    @Test
    void gzipProtobufIsAccepted() {
        start(Map.of());
        Answer answer = OtlpRequests.post(base + "/v1/traces", OtlpRequests.gzip(parallelJobs("00000000000000c3").toByteArray()),
                "Content-Type", PROTOBUF, "Content-Encoding", "gzip");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(Http.get(base + "/api/v1/runs/" + TRACE).json().get("spans")).hasSize(6);
    }

    @Test
    void invalidSpansAreRejectedWithAPartialSuccessAndTheRestKept() throws Exception {
        start(Map.of());
        Answer answer = OtlpRequests.post(base + "/v1/traces", parallelJobs("0000000000000000").toByteArray(),
                "Content-Type", PROTOBUF);

        assertThat(answer.status()).isEqualTo(200);
        ExportTraceServiceResponse response = ExportTraceServiceResponse.parseFrom(answer.body());
        assertThat(response.getPartialSuccess().getRejectedSpans()).isEqualTo(1);
        assertThat(response.getPartialSuccess().getErrorMessage())
                .isEqualTo("1 spans rejected; first: resourceSpans[0].scopeSpans[0].spans[5]: spanId '0000000000000000' is not 8 bytes, not all zero");
        assertThat(Http.get(base + "/api/v1/runs/" + TRACE).json().get("spans")).hasSize(5);
    }

    @Test
    void jsonEncodingIsAcceptedWithHexIdsAndStringTimes() {
        start(Map.of());
        String body = "{\"resourceSpans\":[{\"resource\":{\"attributes\":[{\"key\":\"service.name\",\"value\":{\"stringValue\":\"jenkins\"}}]},"
                + "\"scopeSpans\":[{\"spans\":["
                + "{\"traceId\":\"" + TRACE + "\",\"spanId\":\"00000000000000a1\",\"name\":\"job\",\"startTimeUnixNano\":\"" + T0
                + "\",\"endTimeUnixNano\":\"" + (T0 + 10 * S) + "\",\"status\":{\"code\":1},"
                + "\"attributes\":[{\"key\":\"process.exit.code\",\"value\":{\"intValue\":\"0\"}}]},"
                + "{\"traceId\":\"xyz\",\"spanId\":\"00000000000000a2\",\"name\":\"broken\",\"startTimeUnixNano\":\"1\"}"
                + "]}]}]}";
        Answer answer = OtlpRequests.post(base + "/v1/traces", body.getBytes(StandardCharsets.UTF_8), "Content-Type", "application/json");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.text()).isEqualTo("{\"partialSuccess\":{\"rejectedSpans\":\"1\",\"errorMessage\":\"1 spans "
                + "rejected; first: resourceSpans[0].scopeSpans[0].spans[1]: traceId 'xyz' is not 16 bytes, not all zero\"}}");
        JsonNode run = Http.get(base + "/api/v1/runs/" + TRACE).json();
        assertThat(run.get("pipeline").asText()).isEqualTo("jenkins");
        assertThat(run.get("spans").get(0).get("attributes").get("process.exit.code").asLong()).isZero();
        assertThat(run.get("spans").get(0).get("status").asText()).isEqualTo("ok");
    }

    @ParameterizedTest
    @ValueSource(strings = {"garbage", "truncated"})
    void garbageOrTruncatedProtobufIs400(String kind) {
        start(Map.of());
        byte[] whole = parallelJobs("00000000000000c3").toByteArray();
        byte[] body = kind.equals("garbage") ? "\u00ff\u00fe not protobuf at all".getBytes(StandardCharsets.ISO_8859_1)
                : Arrays.copyOf(whole, whole.length - 7);

        Answer answer = OtlpRequests.post(base + "/v1/traces", body, "Content-Type", PROTOBUF);

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.contentType()).isEqualTo(PROTOBUF);
        assertThat(answer.text()).contains("is not an OTLP ExportTraceServiceRequest in protobuf");
        assertThat(Http.get(base + "/api/v1/pipelines").json().get("items")).isEmpty();
    }

    @Test
    void malformedJsonBadGzipAndOtherContentTypesAreRefused() {
        start(Map.of());
        Answer json = OtlpRequests.post(base + "/v1/traces", "{\"resourceSpans\":[".getBytes(StandardCharsets.UTF_8),
                "Content-Type", "application/json");
        Answer gzip = OtlpRequests.post(base + "/v1/traces", "not gzip".getBytes(StandardCharsets.UTF_8),
                "Content-Type", PROTOBUF, "Content-Encoding", "gzip");
        Answer text = OtlpRequests.post(base + "/v1/traces", "x".getBytes(StandardCharsets.UTF_8), "Content-Type", "text/plain");

        assertThat(json.status()).isEqualTo(400);
        assertThat(json.text()).isEqualTo("{\"code\":3,\"message\":\"body:1:19: is not JSON: Unexpected end-of-input; send an OTLP ExportTraceServiceRequest as JSON\"}");
        assertThat(gzip.status()).isEqualTo(400);
        assertThat(gzip.text()).contains("the body is not valid gzip");
        assertThat(text.status()).isEqualTo(415);
    }

    @Test
    void aGzipBombIsRefusedWith413() {
        start(Map.of());
        byte[] zeros = new byte[17 * 1024 * 1024];

        Answer answer = OtlpRequests.post(base + "/v1/traces", OtlpRequests.gzip(zeros), "Content-Type", PROTOBUF,
                "Content-Encoding", "gzip");

        assertThat(answer.status()).isEqualTo(413);
    }

    @Test
    void withTokensConfiguredTheReceiverNeedsAWriteToken() {
        start(Map.of("SHIPWATCH_TOKEN", "s3cret-token-0123456789"));
        byte[] body = parallelJobs("00000000000000c3").toByteArray();

        assertThat(OtlpRequests.post(base + "/v1/traces", body, "Content-Type", PROTOBUF).status()).isEqualTo(401);
        assertThat(OtlpRequests.post(base + "/v1/traces", body, "Content-Type", PROTOBUF,
                "Authorization", "Bearer s3cret-token-0123456789").status()).isEqualTo(200);
    }

    @Test
    void unknownRunIs404AndAMalformedIdToo() {
        start(Map.of());

        assertThat(Http.get(base + "/api/v1/runs/" + TRACE).status()).isEqualTo(404);
        assertThat(Http.get(base + "/api/v1/runs/nope").status()).isEqualTo(404);
        assertThat(Http.get(base + "/api/v1/pipelines/ci/runs?limit=0").status()).isEqualTo(400);
    }

    private static JsonNode[] toArray(JsonNode array) {
        JsonNode[] nodes = new JsonNode[array.size()];
        for (int i = 0; i < nodes.length; i++) {
            nodes[i] = array.get(i);
        }
        return nodes;
    }
}
