package io.shipwatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.opentelemetry.proto.trace.v1.Status.StatusCode;
import io.shipwatch.pipeline.TraceIds;
import io.shipwatch.testing.Http;
import io.shipwatch.testing.OtlpCollector;
import io.shipwatch.testing.OtlpCollector.Received;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A CI job traced from the shell with the real launcher: {@code pipeline start}, three {@code exec} steps (one with
 * a nested exec, one failing) and a missing command, then {@code pipeline finish}, checked at the Shipwatch server
 * and at a second, independent OTLP receiver.
 */
class PipelineTracingIT {
    static final Path LAUNCHER = Path.of("shipwatch").toAbsolutePath();
    static final String SCRIPT = String.join("\n",
            "set -u",
            "sw=\"$LAUNCHER\"",
            "\"$sw\" pipeline start --name build-and-test > start.out",
            "export $(grep '^TRACEPARENT=' start.out)",
            "\"$sw\" exec --name compile -- sleep 2",
            "\"$sw\" exec --name tests -- \"$sw\" exec --name unit -- sleep 0.2",
            "\"$sw\" exec --name deploy --attr deploy.env=staging -- sh -c 'exit 3'",
            "echo \"deploy $?\" > exits.txt",
            "\"$sw\" exec --name lint -- no-such-command-xyz 2> missing.err",
            "echo \"lint $?\" >> exits.txt",
            "\"$sw\" pipeline finish",
            "echo \"finish $?\" >> exits.txt",
            "");

    @TempDir
    Path dir;

    private ShipwatchServer server;
    private OtlpCollector collector;
    private String base;

    @BeforeEach
    void start() throws Exception {
        ServerSettings settings = ServerSettings.resolve(0, null, "jdbc:sqlite:" + dir.resolve("s.db"), Config.empty(), Map.of());
        server = new ShipwatchServer(settings, Clock.systemUTC());
        base = "http://127.0.0.1:" + server.start();
        collector = new OtlpCollector();
    }

    @AfterEach
    void stop() {
        server.close();
        collector.close();
    }

    @Test
    void aTracedJobReachesTheServerAndAnOtlpReceiverWithLinksStatusesAndCiAttributes() throws Exception {
        Files.writeString(dir.resolve("job.sh"), SCRIPT);
        Map<String, String> env = new HashMap<>();
        env.put("PATH", System.getenv("PATH"));
        if (System.getenv("JAVA_HOME") != null) {
            env.put("JAVA_HOME", System.getenv("JAVA_HOME"));
        }
        env.put("LAUNCHER", LAUNCHER.toString());
        env.put("SHIPWATCH_SPOOL", dir.resolve("spool").toString());
        env.put("SHIPWATCH_SERVER", base);
        env.put("OTEL_EXPORTER_OTLP_ENDPOINT", collector.endpoint());
        env.put("OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf");
        env.put("GITHUB_ENV", dir.resolve("github_env").toString());
        env.putAll(Map.of("GITHUB_ACTIONS", "true", "GITHUB_SERVER_URL", "https://github.com",
                "GITHUB_REPOSITORY", "acme/shop", "GITHUB_RUN_ID", "9001", "GITHUB_RUN_ATTEMPT", "1",
                "GITHUB_WORKFLOW", "CI", "GITHUB_SHA", "6f96b263f472444725e0d2122722ce7140cf3bdb",
                "GITHUB_REF_NAME", "main", "GITHUB_JOB", "build", "RUNNER_NAME", "runner-7"));
        ProcessBuilder pb = new ProcessBuilder("bash", dir.resolve("job.sh").toString()).directory(dir.toFile());
        pb.environment().clear();
        pb.environment().putAll(env);
        Process p = pb.redirectErrorStream(true).redirectOutput(dir.resolve("job.log").toFile()).start();
        assertThat(p.waitFor(180, TimeUnit.SECONDS)).as("the job finishes").isTrue();
        String log = Files.readString(dir.resolve("job.log"));

        assertThat(Files.readString(dir.resolve("exits.txt"))).as(log).isEqualTo("deploy 3\nlint 127\nfinish 0\n");
        assertThat(Files.readString(dir.resolve("missing.err"))).contains("shipwatch exec: no-such-command-xyz: command not found");
        String traceId = TraceIds.traceId("github", "https://github.com/acme/shop", "9001", "1");
        String jobSpan = TraceIds.spanId(traceId, "job", "build");
        assertThat(Files.readString(dir.resolve("start.out"))).isEqualTo("TRACEPARENT=00-" + traceId + "-" + jobSpan + "-01\n");
        assertThat(Files.readString(dir.resolve("github_env"))).startsWith("TRACEPARENT=00-" + traceId + "-" + jobSpan + "-01\n");
        assertThat(log).contains("run " + traceId + ": 6 spans exported to OTLP " + collector.endpoint() + " and server " + base);

        checkServer(traceId, jobSpan);
        checkCollector(traceId, jobSpan);
    }

    private void checkServer(String traceId, String jobSpan) {
        JsonNode run = Http.get(base + "/api/v1/runs/" + traceId).json();
        Map<String, JsonNode> byName = new HashMap<>();
        run.get("spans").forEach(s -> byName.put(s.get("name").asText(), s));
        assertThat(byName).containsOnlyKeys("build", "compile", "tests", "unit", "deploy", "lint");

        JsonNode root = byName.get("build");
        assertThat(root.get("spanId").asText()).isEqualTo(jobSpan);
        assertThat(root.get("parentSpanId").asText()).isEqualTo(TraceIds.runSpanId(traceId));
        assertThat(root.get("status").asText()).isEqualTo("error");
        JsonNode a = root.get("attributes");
        assertThat(a.get("cicd.pipeline.name").asText()).isEqualTo("build-and-test");
        assertThat(a.get("cicd.pipeline.run.id").asText()).isEqualTo("9001");
        assertThat(a.get("cicd.pipeline.result").asText()).isEqualTo("failure");
        assertThat(a.get("cicd.pipeline.task.name").asText()).isEqualTo("build");
        assertThat(a.get("cicd.pipeline.run.url.full").asText()).isEqualTo("https://github.com/acme/shop/actions/runs/9001/attempts/1");
        assertThat(a.get("cicd.worker.name").asText()).isEqualTo("runner-7");
        assertThat(a.get("vcs.repository.url.full").asText()).isEqualTo("https://github.com/acme/shop");
        assertThat(a.get("vcs.ref.head.name").asText()).isEqualTo("main");
        assertThat(a.get("vcs.ref.head.revision").asText()).isEqualTo("6f96b263f472444725e0d2122722ce7140cf3bdb");

        for (String step : List.of("compile", "tests", "deploy", "lint")) {
            assertThat(byName.get(step).get("parentSpanId").asText()).as(step).isEqualTo(jobSpan);
        }
        assertThat(byName.get("unit").get("parentSpanId").asText()).isEqualTo(byName.get("tests").get("spanId").asText());
        assertThat(byName.get("compile").get("durationMs").asDouble()).isGreaterThanOrEqualTo(2000);
        assertThat(byName.get("unit").get("durationMs").asDouble()).isGreaterThanOrEqualTo(200);
        assertThat(byName.get("tests").get("startTime").asText()).isLessThan(byName.get("unit").get("startTime").asText());
        assertThat(byName.get("tests").get("endTime").asText()).isGreaterThan(byName.get("unit").get("endTime").asText());
        assertThat(byName.get("compile").get("status").asText()).isEqualTo("ok");
        assertThat(byName.get("compile").get("attributes").get("process.exit.code").asInt()).isZero();
        assertThat(byName.get("compile").get("attributes").get("cicd.pipeline.task.run.result").asText()).isEqualTo("success");
        JsonNode deploy = byName.get("deploy");
        assertThat(deploy.get("status").asText()).isEqualTo("error");
        assertThat(deploy.get("statusMessage").asText()).isEqualTo("exit code 3");
        assertThat(deploy.get("attributes").get("process.exit.code").asInt()).isEqualTo(3);
        assertThat(deploy.get("attributes").get("cicd.pipeline.task.run.result").asText()).isEqualTo("failure");
        assertThat(deploy.get("attributes").get("deploy.env").asText()).isEqualTo("staging");
        JsonNode lint = byName.get("lint");
        assertThat(lint.get("attributes").get("process.exit.code").asInt()).isEqualTo(127);
        assertThat(lint.get("statusMessage").asText()).isEqualTo("command not found: no-such-command-xyz");
        assertThat(run.get("criticalPath").get(0).asText()).isEqualTo(jobSpan);
        // the two-second compile outweighs each other step, JVM starts included
        assertThat(run.get("bottleneck").asText()).isEqualTo(byName.get("compile").get("spanId").asText());
        assertThat(Http.get(base + "/api/v1/pipelines").json().get("items").get(0).get("name").asText()).isEqualTo("build-and-test");
    }

    private void checkCollector(String traceId, String jobSpan) {
        List<Received> spans = collector.spans();
        Map<String, Received> byName = spans.stream().collect(Collectors.toMap(r -> r.span().getName(), r -> r));
        assertThat(byName).containsOnlyKeys("build", "compile", "tests", "unit", "deploy", "lint");
        HexFormat hex = HexFormat.of();
        for (Received r : spans) {
            assertThat(hex.formatHex(r.span().getTraceId().toByteArray())).isEqualTo(traceId);
            assertThat(r.resourceAttribute("service.name")).isEqualTo("build-and-test");
        }
        Received root = byName.get("build");
        assertThat(hex.formatHex(root.span().getSpanId().toByteArray())).isEqualTo(jobSpan);
        assertThat(root.span().getStatus().getCode()).isEqualTo(StatusCode.STATUS_CODE_ERROR);
        assertThat(root.attribute("cicd.pipeline.result").getValue().getStringValue()).isEqualTo("failure");
        assertThat(root.attribute("vcs.repository.url.full").getValue().getStringValue()).isEqualTo("https://github.com/acme/shop");
        assertThat(byName.get("unit").span().getParentSpanId()).isEqualTo(byName.get("tests").span().getSpanId());
        assertThat(byName.get("deploy").span().getParentSpanId()).isEqualTo(root.span().getSpanId());
        assertThat(byName.get("deploy").span().getStatus().getCode()).isEqualTo(StatusCode.STATUS_CODE_ERROR);
        assertThat(byName.get("deploy").attribute("process.exit.code").getValue().getIntValue()).isEqualTo(3);
        assertThat(byName.get("lint").attribute("process.exit.code").getValue().getIntValue()).isEqualTo(127);
        assertThat(byName.get("compile").span().getStatus().getCode()).isEqualTo(StatusCode.STATUS_CODE_OK);
        long compileNanos = byName.get("compile").span().getEndTimeUnixNano() - byName.get("compile").span().getStartTimeUnixNano();
        assertThat(compileNanos).isGreaterThanOrEqualTo(2_000_000_000L);
        assertThat(byName.get("compile").attribute("cicd.pipeline.task.name").getValue().getStringValue()).isEqualTo("compile");
    }
}
