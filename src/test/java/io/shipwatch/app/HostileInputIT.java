package io.shipwatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.trace.v1.Status.StatusCode;
import io.shipwatch.testing.GitHubHooks;
import io.shipwatch.testing.Http;
import io.shipwatch.testing.OtlpRequests;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hostile or out-of-range input on every kind of endpoint is a 4xx naming the field, and nothing breaks afterwards. */
class HostileInputIT {
    static final String GITHUB = "github-secret-0123456789abcdef";
    static final String TRACE = "5b8efff798038103d269b633813fc60c";
    static final long T0 = 1_795_000_000L * 1_000_000_000L;
    static final String FAR_PAST = "-292275055-05-16T16:47:04.192Z";
    static final String FAR_FUTURE = "+292278994-08-17T07:12:55.807Z";

    @TempDir
    Path dir;

    private ShipwatchServer server;
    private String base;

    @BeforeEach
    void start() {
        Config config = new Config(null, null, null, null, null, null, new Config.WebhooksSection(
                new Config.SecretSection(GITHUB), null, null, null));
        server = new ShipwatchServer(ServerSettings.resolve(0, null, "jdbc:sqlite:" + dir.resolve("h.db"), config,
                Map.of()), Clock.systemUTC());
        base = "http://127.0.0.1:" + server.start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private static void assertProblem(Http.Response r, int status, String field) {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.json().path("errors").findValuesAsText("field")).as(r.body()).contains(field);
    }

    @Test
    void commitTimesOutsideTheSaneRangeAreRefusedAndDoraAndMetricsStayUp() {
        for (String time : List.of(FAR_PAST, FAR_FUTURE, "1969-12-31T23:59:59Z", "+10000-01-01T00:00:00Z")) {
            Http.Response r = Http.post(base + "/api/v1/deployments", "{\"service\":\"checkout\",\"environment\":"
                    + "\"production\",\"version\":\"1.0\",\"commits\":[{\"sha\":\"abc1234\",\"committedAt\":\"" + time
                    + "\"}]}");
            assertProblem(r, 400, "commits[0].committedAt");
            assertThat(r.body()).contains("out of range").contains("1970-01-01");
        }
        assertProblem(Http.post(base + "/api/v1/deployments", "{\"service\":\"checkout\",\"environment\":"
                + "\"production\",\"version\":\"1.0\",\"startedAt\":\"" + FAR_FUTURE + "\"}"), 400, "startedAt");
        assertThat(Http.post(base + "/api/v1/deployments", "{\"service\":\"checkout\",\"environment\":\"production\","
                + "\"version\":\"1.0\",\"commits\":[{\"sha\":\"abc1234\",\"committedAt\":\"9999-12-31T00:00:00Z\"}]}")
                .status()).isEqualTo(201);

        assertThat(Http.get(base + "/api/v1/dora").status()).isEqualTo(200);
        assertThat(Http.get(base + "/metrics").status()).isEqualTo(200);
        assertProblem(Http.get(base + "/api/v1/dora?from=" + FAR_PAST), 400, "from");
        assertProblem(Http.get(base + "/api/v1/dora?to=" + FAR_FUTURE.replace("+", "%2B")), 400, "to");
        assertProblem(Http.post(base + "/api/v1/incidents", "{\"service\":\"checkout\",\"environment\":\"production\","
                + "\"title\":\"down\",\"openedAt\":\"" + FAR_PAST + "\"}"), 400, "openedAt");
        assertProblem(Http.post(base + "/api/v1/loadtest/runs", "{\"service\":\"checkout\",\"scenario\":\"smoke\","
                + "\"version\":\"1\",\"format\":\"k6-summary\",\"total\":{\"label\":\"total\",\"count\":1},\"labels\":[],"
                + "\"startedAt\":\"" + FAR_PAST + "\"}"), 400, "startedAt");
        String cursor = Base64.getUrlEncoder().encodeToString((Long.MAX_VALUE + ":x").getBytes(StandardCharsets.UTF_8));
        assertProblem(Http.get(base + "/api/v1/deployments?cursor=" + cursor), 400, "cursor");
    }

    @Test
    void webhookWithANonIntegerPullRequestNumberOrAnOutOfRangeTimeIsA400() {
        String merged = WebhooksIT.fixture("github/pull_request-merged.json");
        for (String[] bad : List.of(new String[] {"\"number\": 7,\n    \"state\"", "\"number\": \"seven\",\n    \"state\"",
                "pull_request.number"}, new String[] {"\"number\": 7,\n    \"state\"",
                "\"number\": 99999999999999999999,\n    \"state\"", "pull_request.number"}, new String[] {
                "\"created_at\": \"2026-11-09T15:00:00Z\"", "\"created_at\": \"" + FAR_PAST + "\"",
                "pull_request.created_at"})) {
            String body = merged.replace(bad[0], bad[1]);
            assertThat(body).isNotEqualTo(merged);

            Http.Response r = GitHubHooks.deliverRaw(base, "pull_request", body, GitHubHooks.signature(GITHUB, body),
                    "d-" + bad[2] + bad[1].length());

            assertProblem(r, 400, bad[2]);
        }
    }

    @Test
    void otlpJsonOfTheWrongShapeIsA400AndHugeAttributeKeysRejectTheSpan() {
        for (String[] bad : List.of(new String[] {"{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":{\"a\":1}}]}]}",
                "resourceSpans[0].scopeSpans[0].spans"}, new String[] {"{\"resourceSpans\":[{\"scopeSpans\":{}}]}",
                "resourceSpans[0].scopeSpans"}, new String[] {"{\"resourceSpans\":[7]}", "resourceSpans[0]"})) {
            OtlpRequests.Answer a = OtlpRequests.post(base + "/v1/traces", bad[0].getBytes(StandardCharsets.UTF_8),
                    "Content-Type", "application/json");
            assertThat(a.status()).isEqualTo(400);
            assertThat(new String(a.body(), StandardCharsets.UTF_8)).contains(bad[1]);
        }

        String longKey = "k".repeat(60_000);
        var request = OtlpRequests.request("ci",
                OtlpRequests.span(TRACE, "00000000000000a1", null, "ci", T0, T0 + 10, StatusCode.STATUS_CODE_OK,
                        "cicd.pipeline.name", "ci", "long.value", "v".repeat(100_000)),
                OtlpRequests.span(TRACE, "00000000000000a2", "00000000000000a1", "step", T0, T0 + 5,
                        StatusCode.STATUS_CODE_OK, longKey, "x"));
        OtlpRequests.Answer a = OtlpRequests.post(base + "/v1/traces", request.toByteArray(), "Content-Type",
                "application/x-protobuf");

        assertThat(a.status()).isEqualTo(200);
        assertThat(parse(a.body()).getPartialSuccess().getRejectedSpans()).isEqualTo(1);
        assertThat(parse(a.body()).getPartialSuccess().getErrorMessage()).contains("attribute key 'kkkk");
        Http.Response run = Http.get(base + "/api/v1/runs/" + TRACE);
        assertThat(run.status()).isEqualTo(200);
        JsonNode root = run.json().path("spans").get(0);
        assertThat(root.path("attributes").path("long.value").asText()).hasSize(8192);
    }

    @Test
    void theOtlpReceiverTakesTheDocumentedSixteenMebibytesAndOtherEndpointsKeepTheirLimit() {
        StringBuilder json = new StringBuilder("{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":[");
        for (int i = 0; i < 5000; i++) { // ~5 MiB of JSON: 5,000 spans with a 1 KB attribute each
            json.append(i == 0 ? "" : ",").append("{\"traceId\":\"").append(TRACE).append("\",\"spanId\":\"")
                    .append(String.format("%016x", i + 1)).append("\",\"name\":\"test ").append(i)
                    .append("\",\"startTimeUnixNano\":\"").append(T0).append("\",\"endTimeUnixNano\":\"").append(T0 + 5)
                    .append("\",\"attributes\":[{\"key\":\"test.case.name\",\"value\":{\"stringValue\":\"")
                    .append("t".repeat(1000)).append("\"}}]}");
        }
        byte[] fiveMiB = json.append("]}]}]}").toString().getBytes(StandardCharsets.UTF_8);
        assertThat(fiveMiB.length).isGreaterThan(5 * 1024 * 1024);

        assertThat(OtlpRequests.post(base + "/v1/traces", fiveMiB, "Content-Type", "application/json").status())
                .isEqualTo(200);
        assertThat(Http.get(base + "/api/v1/runs/" + TRACE).json().path("spans")).hasSize(5000);

        byte[] tooLarge = new byte[16 * 1024 * 1024 + 1];
        assertThat(OtlpRequests.post(base + "/v1/traces", tooLarge, "Content-Type", "application/x-protobuf").status())
                .isEqualTo(413);
        byte[] bomb = OtlpRequests.gzip(new byte[64 * 1024 * 1024]); // 64 MiB of zeros in ~64 KB
        OtlpRequests.Answer a = OtlpRequests.post(base + "/v1/traces", bomb, "Content-Type", "application/json",
                "Content-Encoding", "gzip");
        assertThat(a.status()).isEqualTo(413);
        assertThat(new String(a.body(), StandardCharsets.UTF_8)).contains("decompressed body is larger than 16777216");

        Http.Response deployment = Http.post(base + "/api/v1/deployments", "{\"service\":\"" + "s".repeat(2 * 1024 * 1024)
                + "\"}");
        assertThat(deployment.status()).isEqualTo(413);
        assertThat(deployment.contentType()).startsWith("application/problem+json");
    }

    private static ExportTraceServiceResponse parse(byte[] body) {
        try {
            return ExportTraceServiceResponse.parseFrom(body);
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            throw new AssertionError(e);
        }
    }
}
