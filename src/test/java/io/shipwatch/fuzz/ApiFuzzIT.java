package io.shipwatch.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import io.shipwatch.loadtest.LoadTestParsers;
import io.shipwatch.loadtest.LoadTestRun;
import io.shipwatch.loadtest.LoadTestRunJson;
import io.shipwatch.loadtest.RunStatus;
import io.opentelemetry.proto.trace.v1.Status;
import io.shipwatch.json.Json;
import io.shipwatch.testing.Mutator;
import io.shipwatch.testing.OtlpRequests;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seeded fuzzing of every endpoint of the packaged server, run in its own process with a small heap (256 MB): each
 * request body is a mutation of a valid one, each query or path parameter a hostile value. No answer may be a 5xx, every
 * 4xx is problem+json, and the server is alive, answering and free of OutOfMemoryError at the end.
 * {@code -Dshipwatch.fuzz.cases=N} (default 120 per endpoint) and {@code -Dshipwatch.fuzz.seed=S} replay or widen a run.
 */
class ApiFuzzIT {
    private static final int CASES = Integer.getInteger("shipwatch.fuzz.cases", 120);
    private static final long SEED = Long.getLong("shipwatch.fuzz.seed", 20261203L);
    private static final String GITHUB = "github-secret-0123456789abcdef";
    private static final String GITLAB = "gitlab-token-0123456789abcdef";
    private static final String ALERTMANAGER = "alertmanager-token-0123456789";
    private static final String PAGERDUTY = "pagerduty-secret-0123456789ab";
    private static final String ARGOCD = "argocd-token-0123456789abcdef";
    private static final String FLUX = "flux-secret-0123456789abcdef";
    private static final Path RESOURCES = Path.of("src", "test", "resources");

    @TempDir
    static Path dir;
    private static Process server;
    private static String base;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** One request to send: method, path with query, body (or null), headers as name/value pairs. */
    record Call(String method, String path, byte[] body, String... headers) {
    }

    /** An answer the harness refuses, with what replays it. */
    record Finding(String endpoint, int caseNumber, int status, String contentType, String request, String answer) {
        @Override
        public String toString() {
            return endpoint + " case " + caseNumber + ": " + status + " " + contentType + " for " + request + " -> "
                    + answer;
        }
    }

    @BeforeAll
    static void startServer() throws Exception {
        Path jar = Path.of("target", "shipwatch.jar");
        assertThat(jar).as("the jar is built by 'mvn package' before integration tests").exists();
        Path config = dir.resolve("shipwatch.yaml");
        Files.writeString(config, """
                webhooks:
                  github: {secret: %s}
                  gitlab: {secret: %s}
                  alertmanager: {secret: %s}
                  pagerduty: {secret: %s}
                  argocd: {secret: %s}
                  flux: {secret: %s}
                """.formatted(GITHUB, GITLAB, ALERTMANAGER, PAGERDUTY, ARGOCD, FLUX));
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        server = new ProcessBuilder(java, "-Xmx256m", "-XX:+ExitOnOutOfMemoryError", "-jar", jar.toString(), "server",
                "--port", String.valueOf(port), "--db", "jdbc:sqlite:" + dir.resolve("fuzz.db"), "--config",
                config.toString()).redirectErrorStream(true).redirectOutput(dir.resolve("server.log").toFile()).start();
        base = "http://127.0.0.1:" + port;
        Instant deadline = Instant.now().plusSeconds(60);
        while (true) {
            try {
                if (send(new Call("GET", "/readyz", null)).statusCode() == 200) {
                    break;
                }
            } catch (IOException e) {
                // not listening yet
            }
            if (Instant.now().isAfter(deadline) || !server.isAlive()) {
                throw new AssertionError("server did not start: " + Files.readString(dir.resolve("server.log")));
            }
            Thread.sleep(100);
        }
    }

    @AfterAll
    static void stopServer() throws InterruptedException {
        if (server != null) {
            server.destroy();
            server.waitFor(20, TimeUnit.SECONDS);
        }
    }

    @Test
    void noEndpointAnswersHostileInputWithAServerErrorOrFallsOver() throws Exception {
        String deployment = created(send(json("POST", "/api/v1/deployments", deploymentSeed())));
        String incident = created(send(json("POST", "/api/v1/incidents", incidentSeed())));
        String loadRun = created(send(json("POST", "/api/v1/loadtest/runs", loadTestSeed())));
        created(send(json("POST", "/api/v1/canaries/analyses", canarySeed())));
        send(new Call("POST", "/v1/traces", protobufSeed("0af7651916cd43dd8448eb211c80319c"),
                "Content-Type", "application/x-protobuf"));

        List<Finding> findings = new ArrayList<>();
        Mutator m = new Mutator(SEED);
        fuzzBodies(findings, m, "POST /api/v1/deployments", deploymentSeed(), b -> json("POST", "/api/v1/deployments", b));
        fuzzBodies(findings, m, "PATCH /api/v1/deployments/{id}", "{\"status\":\"rolled_back\",\"finishedAt\":\""
                + Instant.now() + "\",\"description\":\"d\"}", b -> json("PATCH", "/api/v1/deployments/" + deployment, b));
        fuzzBodies(findings, m, "POST /api/v1/incidents", incidentSeed(), b -> json("POST", "/api/v1/incidents", b));
        fuzzBodies(findings, m, "PATCH /api/v1/incidents/{id}", "{\"resolvedAt\":\"" + Instant.now() + "\"}",
                b -> json("PATCH", "/api/v1/incidents/" + incident, b));
        fuzzBodies(findings, m, "POST /api/v1/gates/results", gateResultSeed(), b -> json("POST", "/api/v1/gates/results", b));
        fuzzBodies(findings, m, "POST /api/v1/gates/{name}/flagger", "{\"name\":\"podinfo\",\"namespace\":\"test\","
                + "\"phase\":\"Progressing\",\"metadata\":{\"version\":\"2\"}}", b -> json("POST", "/api/v1/gates/checkout/flagger", b));
        fuzzBodies(findings, m, "POST /api/v1/loadtest/runs", loadTestSeed(), b -> json("POST", "/api/v1/loadtest/runs", b));
        fuzzBodies(findings, m, "POST /v1/traces (JSON)", otlpJsonSeed(), b -> json("POST", "/v1/traces", b));
        byte[] protobuf = protobufSeed("0af7651916cd43dd8448eb211c80319d");
        for (int i = 0; i < CASES; i++) {
            check(findings, "POST /v1/traces (protobuf)", i, new Call("POST", "/v1/traces", m.bytes(protobuf),
                    "Content-Type", "application/x-protobuf"));
        }
        fuzzBodies(findings, m, "POST /api/v1/canaries/analyses", canarySeed(), b -> json("POST", "/api/v1/canaries/analyses", b));
        for (String file : List.of("github/push-main.json", "github/deployment_status-success.json",
                "github/pull_request-merged.json", "github/workflow_run-completed.json",
                "github/workflow_job-completed.json", "github/workflow_run-in_progress.json")) {
            String event = file.substring("github/".length(), file.indexOf('-', "github/".length()));
            fuzzBodies(findings, m, "POST /hooks/github " + event, fixture(file), b -> new Call("POST", "/hooks/github", b,
                    "Content-Type", "application/json", "X-GitHub-Event", event, "X-GitHub-Delivery", "d-" + b.length
                            + "-" + java.util.Arrays.hashCode(b), "X-Hub-Signature-256", hmac(GITHUB, b, "sha256=")));
        }
        for (String[] hook : List.of(new String[] {"gitlab/push.json", "Push Hook"},
                new String[] {"gitlab/deployment-success.json", "Deployment Hook"},
                new String[] {"gitlab/pipeline-failed.json", "Pipeline Hook"},
                new String[] {"gitlab/job-failed.json", "Job Hook"})) {
            fuzzBodies(findings, m, "POST /hooks/gitlab " + hook[1], fixture(hook[0]), b -> new Call("POST", "/hooks/gitlab",
                    b, "Content-Type", "application/json", "X-Gitlab-Event", hook[1], "X-Gitlab-Token", GITLAB));
        }
        fuzzBodies(findings, m, "POST /hooks/alertmanager", fixture("alertmanager/firing.json"), b -> new Call("POST",
                "/hooks/alertmanager", b, "Content-Type", "application/json", "Authorization", "Bearer " + ALERTMANAGER));
        fuzzBodies(findings, m, "POST /hooks/argocd", fixture("argocd/deployed.json"), b -> new Call("POST",
                "/hooks/argocd", b, "Content-Type", "application/json", "Authorization", "Bearer " + ARGOCD));
        fuzzBodies(findings, m, "POST /hooks/flux", fixture("flux/helmrelease-upgrade-succeeded.json"), b -> new Call(
                "POST", "/hooks/flux", b, "Content-Type", "application/json", "X-Signature", hmac(FLUX, b, "sha256=")));
        fuzzBodies(findings, m, "POST /hooks/pagerduty", fixture("pagerduty/triggered.json"), b -> new Call("POST",
                "/hooks/pagerduty", b, "Content-Type", "application/json", "X-PagerDuty-Signature", hmac(PAGERDUTY, b, "v1=")));

        List<String> reads = List.of("/api/v1/deployments?service=%s", "/api/v1/deployments?limit=%s",
                "/api/v1/deployments?from=%s", "/api/v1/deployments?to=%s&environment=production",
                "/api/v1/deployments?cursor=%s", "/api/v1/deployments/%s", "/api/v1/services/%s/metrics",
                "/api/v1/services/checkout/metrics?from=%s", "/api/v1/services/checkout/metrics?to=%s",
                "/api/v1/dora?from=%s", "/api/v1/dora?to=%s", "/api/v1/dora?service=%s", "/api/v1/dora?team=%s",
                "/api/v1/incidents?from=%s", "/api/v1/incidents?service=%s", "/api/v1/incidents/%s",
                "/api/v1/gates/results?gate=%s", "/api/v1/gates/results?gate=checkout&limit=%s",
                "/api/v1/gates/%s/evaluate", "/api/v1/gates/checkout/evaluate?deploymentId=%s",
                "/api/v1/loadtest/runs?service=%s", "/api/v1/loadtest/runs?service=checkout&scenario=smoke&limit=%s",
                "/api/v1/loadtest/runs/%s", "/api/v1/loadtest/runs/" + loadRun + "/comparison?baseline=%s",
                "/api/v1/loadtest/scenarios?service=%s", "/api/v1/pipelines/%s/runs", "/api/v1/pipelines/fuzz/runs?limit=%s",
                "/api/v1/pipelines/%s/steps", "/api/v1/pipelines/fuzz/steps?runs=%s", "/api/v1/runs/%s",
                "/api/v1/loadtest/builds?service=checkout&scenario=%s", "/api/v1/loadtest/builds?service=checkout"
                        + "&scenario=smoke&label=%s", "/api/v1/gates/verdicts?service=%s", "/api/v1/gates/verdicts/%s",
                "/api/v1/gates/verdicts?deploymentId=%s&limit=5", "/api/v1/canaries/analyses?canary=%s",
                "/api/v1/canaries/analyses/%s", "/download/%s");
        for (String read : reads) {
            for (int i = 0; i < Math.max(10, CASES / 6); i++) {
                String value = URLEncoder.encode(m.parameter(), StandardCharsets.UTF_8).replace("+", "%20");
                check(findings, "GET " + read, i, new Call("GET", read.formatted(value), null));
            }
        }

        assertThat(findings).as("answers to hostile input that were 5xx or not problem+json (seed %d)", SEED).isEmpty();
        assertThat(server.isAlive()).as("the server process is alive").isTrue();
        assertThat(send(new Call("GET", "/readyz", null)).statusCode()).isEqualTo(200);
        assertThat(send(new Call("GET", "/metrics", null)).statusCode()).isEqualTo(200);
        assertThat(send(new Call("GET", "/api/v1/dora", null)).statusCode()).isEqualTo(200);
        assertThat(send(new Call("GET", "/api/v1/loadtest/runs?service=checkout&scenario=smoke", null)).statusCode())
                .isEqualTo(200);
        assertThat(Files.readString(dir.resolve("server.log"))).doesNotContain("OutOfMemoryError")
                .doesNotContain("StackOverflowError");
    }

    private static void fuzzBodies(List<Finding> findings, Mutator m, String endpoint, String seed,
                                   Function<byte[], Call> call) throws Exception {
        for (int i = 0; i < CASES; i++) {
            check(findings, endpoint, i, call.apply(m.json(seed)));
        }
    }

    private static void check(List<Finding> findings, String endpoint, int i, Call call) throws Exception {
        HttpResponse<String> r;
        try {
            r = send(call);
        } catch (IOException e) {
            findings.add(new Finding(endpoint, i, -1, "", describe(call), "no answer: " + e));
            return;
        }
        String type = r.headers().firstValue("Content-Type").orElse("");
        boolean serverError = r.statusCode() >= 500;
        // OTLP/HTTP answers errors with a google.rpc.Status in the request's own encoding, as its spec says
        boolean otlp = call.path().startsWith("/v1/") && (type.startsWith("application/json")
                || type.startsWith("application/x-protobuf"));
        boolean unexplained = r.statusCode() >= 400 && !type.startsWith("application/problem+json") && !otlp;
        if (serverError || unexplained) {
            findings.add(new Finding(endpoint, i, r.statusCode(), type, describe(call),
                    r.body().substring(0, Math.min(300, r.body().length()))));
        }
    }

    private static String describe(Call call) {
        String body = call.body() == null ? "" : new String(call.body(), StandardCharsets.UTF_8);
        return call.method() + " " + (call.path().length() > 200 ? call.path().substring(0, 200) + "…" : call.path())
                + (body.isEmpty() ? "" : " " + (body.length() > 300 ? body.substring(0, 300) + "…" : body));
    }

    private static HttpResponse<String> send(Call call) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + call.path())).timeout(Duration.ofSeconds(30))
                .method(call.method(), call.body() == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(call.body()));
        for (int i = 0; i + 1 < call.headers().length; i += 2) {
            b.header(call.headers()[i], call.headers()[i + 1]);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Call json(String method, String path, byte[] body) {
        return new Call(method, path, body, "Content-Type", "application/json");
    }

    private static Call json(String method, String path, String body) {
        return json(method, path, body.getBytes(StandardCharsets.UTF_8));
    }

    private static String created(HttpResponse<String> r) throws IOException {
        assertThat(r.statusCode()).as(r.body()).isBetween(200, 201);
        return Json.mapper().readTree(r.body()).get("id").asText();
    }

    private static String fixture(String name) throws IOException {
        return Files.readString(RESOURCES.resolve("dora").resolve("webhooks").resolve(name));
    }

    private static String hmac(String secret, byte[] body, String prefix) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return prefix + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String deploymentSeed() {
        Instant now = Instant.now();
        return "{\"service\":\"checkout\",\"environment\":\"production\",\"version\":\"2.1.0\",\"status\":\"succeeded\","
                + "\"startedAt\":\"" + now.minusSeconds(120) + "\",\"finishedAt\":\"" + now.minusSeconds(60) + "\","
                + "\"commitSha\":\"4f2c9e1\",\"repositoryUrl\":\"https://github.com/acme/checkout\",\"commits\":[{\"sha\":"
                + "\"4f2c9e1\",\"committedAt\":\"" + now.minusSeconds(7200) + "\",\"authoredAt\":\"" + now.minusSeconds(9000)
                + "\",\"message\":\"Fix cart\"}],\"pipelineRunId\":\"42\",\"pipelineRunUrl\":\"https://ci.example/42\","
                + "\"actor\":\"dev\",\"description\":\"d\",\"tags\":{\"team\":\"payments\"},\"kind\":\"deploy\"}";
    }

    private static String incidentSeed() {
        return "{\"service\":\"checkout\",\"environment\":\"production\",\"title\":\"errors\",\"openedAt\":\""
                + Instant.now().minusSeconds(600) + "\",\"severity\":\"sev2\"}";
    }

    private static String gateResultSeed() {
        return "{\"gate\":\"checkout\",\"service\":\"checkout\",\"environment\":\"production\",\"version\":\"2.1.0\","
                + "\"result\":\"pass\",\"score\":100,\"window\":{\"start\":\"2026-11-26T10:00:00Z\",\"end\":"
                + "\"2026-11-26T10:10:00Z\"},\"objectives\":[{\"name\":\"error_rate\",\"value\":0.001,\"result\":\"pass\","
                + "\"samples\":10}],\"reason\":\"all objectives passed\"}";
    }

    private static String canarySeed() {
        return "{\"canary\":\"checkout\",\"service\":\"checkout\",\"environment\":\"production\",\"version\":"
                + "\"2.1.0\",\"kind\":\"run\",\"outcome\":\"rolled_back\",\"reason\":\"errors\",\"score\":0,"
                + "\"confidence\":0.98,\"startedAt\":\"2026-11-26T13:00:00Z\",\"finishedAt\":\"2026-11-26T14:00:00Z\","
                + "\"steps\":[{\"kind\":\"setWeight\",\"weightPercent\":5},{\"kind\":\"analyze\",\"phase\":"
                + "\"Failed\",\"judgements\":[{\"from\":\"2026-11-26T13:00:00Z\",\"to\":\"2026-11-26T13:10:00Z\","
                + "\"decision\":\"rollback\",\"score\":0,\"reason\":\"r\",\"metrics\":[{\"name\":\"errors\","
                + "\"outcome\":\"high\",\"critical\":true,\"canary\":[0.1,0.12,0.11],\"baseline\":[0.01,0.02,"
                + "0.01],\"estimate\":0.1,\"lower\":0.08,\"upper\":0.12,\"pValue\":0.001,\"effectSize\":10,"
                + "\"reason\":\"canary higher\"}]}]}]}";
    }

    private static String loadTestSeed() {
        LoadTestRun run = new LoadTestRun(null, "checkout", "smoke", "1.0", RunStatus.PASSED, Instant.now(),
                LoadTestParsers.read(RESOURCES.resolve("loadtest/jmeter-csv/default-17.jtl"), LoadTestParsers.AUTO),
                List.of());
        return Json.write(LoadTestRunJson.write(run));
    }

    private static byte[] protobufSeed(String traceId) {
        return OtlpRequests.request("fuzz", OtlpRequests.span(traceId, "b7ad6b7169203331", null, "run",
                1_790_000_000_000_000_000L, 1_790_000_060_000_000_000L, Status.StatusCode.STATUS_CODE_OK,
                "cicd.pipeline.name", "fuzz")).toByteArray();
    }

    private static String otlpJsonSeed() {
        return "{\"resourceSpans\":[{\"resource\":{\"attributes\":[{\"key\":\"service.name\",\"value\":{\"stringValue\":"
                + "\"fuzz\"}}]},\"scopeSpans\":[{\"spans\":[{\"traceId\":\"5b8efff798038103d269b633813fc60c\",\"spanId\":"
                + "\"eee19b7ec3c1b174\",\"name\":\"build\",\"startTimeUnixNano\":\"1790000000000000000\","
                + "\"endTimeUnixNano\":\"1790000060000000000\",\"status\":{\"code\":1},\"attributes\":[{\"key\":"
                + "\"cicd.pipeline.name\",\"value\":{\"stringValue\":\"fuzz\"}},{\"key\":\"process.exit.code\",\"value\":"
                + "{\"intValue\":\"0\"}}]}]}]}]}";
    }
}
