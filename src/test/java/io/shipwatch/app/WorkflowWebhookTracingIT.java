package io.shipwatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.shipwatch.pipeline.TraceIds;
import io.shipwatch.testing.GitHubHooks;
import io.shipwatch.testing.Http;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A GitHub Actions job seen both ways at once: GitHub's signed workflow_run and workflow_job deliveries, and the job's
 * own {@code pipeline start}, {@code exec} and {@code finish} with the real launcher and the job id from
 * {@code job.check_run_id}. Both land in one trace, the wrapped step a child of the webhook's job span.
 */
class WorkflowWebhookTracingIT {
    static final String SECRET = "github-secret-0123456789abcdef";
    static final String TRACE = TraceIds.traceId("github", "https://github.com/acme/shop", "500", "1");
    static final String JOB = TraceIds.spanId(TRACE, "job", "7001");
    static final String SCRIPT = String.join("\n",
            "set -u",
            "sw=\"$LAUNCHER\"",
            "\"$sw\" pipeline start > start.out",
            "export $(grep '^TRACEPARENT=' start.out)",
            "\"$sw\" exec --name compile -- sleep 0.3",
            "\"$sw\" pipeline finish",
            "echo \"finish $?\" > exits.txt",
            "");

    @TempDir
    Path dir;

    private ShipwatchServer server;
    private String base;

    @BeforeEach
    void start() {
        Config config = new Config(null, null, null, null, null, null,
                new Config.WebhooksSection(new Config.SecretSection(SECRET), null, null, null));
        ServerSettings settings = ServerSettings.resolve(0, null, "jdbc:sqlite:" + dir.resolve("s.db"), config, Map.of());
        server = new ShipwatchServer(settings, Clock.systemUTC());
        base = "http://127.0.0.1:" + server.start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void webhookJobAndLiveExecOfTheSameJobLandInOneTrace() throws Exception {
        assertThat(deliver("workflow_run", "github/workflow_run-in_progress.json", "r-1").status()).isEqualTo(202);
        assertThat(deliver("workflow_job", "github/workflow_job-queued.json", "j-1").status()).isEqualTo(202);
        assertThat(deliver("workflow_job", "github/workflow_job-in_progress.json", "j-2").status()).isEqualTo(202);

        String log = runJob();
        assertThat(Files.readString(dir.resolve("start.out"))).as(log).isEqualTo("TRACEPARENT=00-" + TRACE + "-" + JOB + "-01\n");
        assertThat(Files.readString(dir.resolve("exits.txt"))).as(log).isEqualTo("finish 0\n");

        assertThat(deliver("workflow_job", "github/workflow_job-completed.json", "j-3").status()).isEqualTo(202);
        assertThat(deliver("workflow_run", "github/workflow_run-completed.json", "r-2").status()).isEqualTo(202);

        JsonNode run = Http.get(base + "/api/v1/runs/" + TRACE).json();
        Map<String, JsonNode> byName = new HashMap<>();
        run.get("spans").forEach(s -> byName.put(s.get("name").asText(), s));
        assertThat(byName).containsOnlyKeys("CI", "Build", "queued", "runner setup", "Set up job", "Run mvn verify",
                "Complete job", "compile");
        assertThat(byName.get("CI").get("spanId").asText()).isEqualTo(TraceIds.runSpanId(TRACE));
        JsonNode job = byName.get("Build");
        assertThat(job.get("spanId").asText()).isEqualTo(JOB);
        assertThat(job.get("parentSpanId").asText()).isEqualTo(TraceIds.runSpanId(TRACE));
        assertThat(job.get("status").asText()).isEqualTo("ok");
        assertThat(job.get("attributes").has("shipwatch.span.unfinished")).isFalse();
        JsonNode compile = byName.get("compile");
        assertThat(compile.get("parentSpanId").asText()).as("the exec step is a child of the webhook's job").isEqualTo(JOB);
        assertThat(compile.get("attributes").get("process.exit.code").asInt()).isZero();
        assertThat(byName.get("Run mvn verify").get("parentSpanId").asText()).isEqualTo(JOB);
        assertThat(Http.get(base + "/api/v1/pipelines").json().get("items")).singleElement()
                .satisfies(p -> assertThat(p.get("name").asText()).isEqualTo("CI"));

        // the in_progress delivery again, under a new id and after the completed one: nothing moves back
        assertThat(deliver("workflow_job", "github/workflow_job-in_progress.json", "j-4").status()).isEqualTo(202);
        assertThat(deliver("workflow_run", "github/workflow_run-in_progress.json", "r-3").status()).isEqualTo(202);
        assertThat(Http.get(base + "/api/v1/runs/" + TRACE).json().get("spans")).isEqualTo(run.get("spans"));
    }

    private String runJob() throws Exception {
        Files.writeString(dir.resolve("job.sh"), SCRIPT);
        Map<String, String> env = new HashMap<>();
        env.put("PATH", System.getenv("PATH"));
        if (System.getenv("JAVA_HOME") != null) {
            env.put("JAVA_HOME", System.getenv("JAVA_HOME"));
        }
        env.put("LAUNCHER", PipelineTracingIT.LAUNCHER.toString());
        env.put("SHIPWATCH_SPOOL", dir.resolve("spool").toString());
        env.put("SHIPWATCH_SERVER", base);
        env.putAll(Map.of("GITHUB_ACTIONS", "true", "GITHUB_SERVER_URL", "https://github.com",
                "GITHUB_REPOSITORY", "acme/shop", "GITHUB_RUN_ID", "500", "GITHUB_RUN_ATTEMPT", "1",
                "GITHUB_WORKFLOW", "CI", "GITHUB_SHA", "c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3",
                "GITHUB_REF_NAME", "main", "GITHUB_JOB", "build", "SHIPWATCH_JOB_ID", "7001"));
        ProcessBuilder pb = new ProcessBuilder("bash", dir.resolve("job.sh").toString()).directory(dir.toFile());
        pb.environment().clear();
        pb.environment().putAll(env);
        Process p = pb.redirectErrorStream(true).redirectOutput(dir.resolve("job.log").toFile()).start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("the job finishes").isTrue();
        return Files.readString(dir.resolve("job.log"));
    }

    private Http.Response deliver(String event, String file, String delivery) {
        String body = WebhooksIT.fixture(file);
        return GitHubHooks.deliverRaw(base, event, body, GitHubHooks.signature(SECRET, body), delivery);
    }
}
