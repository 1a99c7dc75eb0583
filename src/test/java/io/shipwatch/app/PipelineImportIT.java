package io.shipwatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.shipwatch.cli.ExitCode;
import io.shipwatch.cli.PipelineCommand;
import io.shipwatch.otel.OtlpTraceExport;
import io.shipwatch.pipeline.TraceIds;
import io.shipwatch.testing.Http;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code pipeline import github --file} into a real server: critical path, idempotence, linked re-run attempts. */
class PipelineImportIT {
    @TempDir
    Path dir;

    private ShipwatchServer server;
    private String base;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeEach
    void start() {
        ServerSettings settings = ServerSettings.resolve(0, null, "jdbc:sqlite:" + dir.resolve("i.db"), Config.empty(), Map.of());
        server = new ShipwatchServer(settings, Clock.systemUTC());
        base = "http://127.0.0.1:" + server.start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private Path fixture(String name) throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/pipeline/github/" + name)) {
            Path file = dir.resolve(name);
            Files.write(file, in.readAllBytes());
            return file;
        }
    }

    private int importGitHub(String... files) {
        Map<String, String> env = new HashMap<>(Map.of("SHIPWATCH_SERVER", base));
        String[] args = new String[2 + files.length * 2];
        args[0] = "import";
        args[1] = "github";
        for (int i = 0; i < files.length; i++) {
            args[2 + 2 * i] = "--file";
            args[3 + 2 * i] = files[i];
        }
        return PipelineCommand.commandLine(env, Clock.systemUTC(), new OtlpTraceExport(), new PrintWriter(out, true),
                new PrintWriter(err, true)).execute(args);
    }

    @Test
    void aTestReportOfFiveThousandCasesIsImportedAndFinishedToTheServer() throws Exception {
        Map<String, String> env = new HashMap<>(Map.of("SHIPWATCH_SERVER", base,
                io.shipwatch.cli.exec.Spool.ENV, dir.resolve("spool").toString()));
        java.util.function.Function<String[], Integer> cli = args -> PipelineCommand.commandLine(env,
                Clock.systemUTC(), new OtlpTraceExport(), new PrintWriter(out, true), new PrintWriter(err, true))
                .execute(args);
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"jest\">\n");
        for (int suite = 0; suite < 50; suite++) { // as jest writes them: one suite per test file
            xml.append("<testsuite name=\"src/components/widget").append(suite).append(".test.tsx\" tests=\"100\">\n");
            for (int c = 0; c < 100; c++) {
                xml.append("  <testcase classname=\"Widget ").append(suite).append(" renders variant ").append(c)
                        .append(" with its label, price and stock badge\" name=\"Widget ").append(suite)
                        .append(" renders variant ").append(c).append(" with its label, price and stock badge\" ")
                        .append("time=\"0.004\"/>\n");
            }
            xml.append("</testsuite>\n");
        }
        Path report = Files.writeString(dir.resolve("junit.xml"), xml.append("</testsuites>\n"));

        assertThat(cli.apply(new String[] {"start", "--name", "web"})).as(err.toString()).isZero();
        String traceId = out.toString().replaceAll("(?s).*TRACEPARENT=00-([0-9a-f]{32})-.*", "$1");
        assertThat(cli.apply(new String[] {"import", "junit", report.toString()})).as(err.toString()).isZero();
        assertThat(out.toString()).contains("5050 test spans added to run " + traceId);
        assertThat(cli.apply(new String[] {"finish"})).as(err.toString()).isZero();

        JsonNode run = Http.get(base + "/api/v1/runs/" + traceId).json();
        assertThat(run.path("spans")).hasSize(1 + 5050);
        assertThat(out.toString()).contains("run " + traceId + ": 5051 spans exported to server " + base);
    }

    @Test
    void importedRunHasItsCriticalPathAndBottleneckAndImportingTwiceStoresItOnce() throws Exception {
        String run = fixture("run-555-attempt-1.json").toString();
        String jobs = fixture("jobs-555-attempt-1.json").toString();
        String traceId = TraceIds.traceId("github", "https://github.com/acme/shop", "555", "1");

        assertThat(importGitHub(run, jobs)).as(err.toString()).isZero();
        assertThat(importGitHub(jobs, run)).as(err.toString()).isZero();

        assertThat(out.toString()).isEqualTo(("run " + traceId + ": 19 spans exported to server " + base + "\n").repeat(2));
        JsonNode runs = Http.get(base + "/api/v1/pipelines/CI/runs").json().get("items");
        assertThat(runs).hasSize(1);
        assertThat(runs.get(0).get("durationMs").asLong()).isEqualTo(600_000);
        assertThat(runs.get(0).get("result").asText()).isEqualTo("failure");
        JsonNode body = Http.get(base + "/api/v1/runs/" + traceId).json();
        assertThat(body.get("spans")).hasSize(19);
        Map<String, String> names = new HashMap<>();
        body.get("spans").forEach(s -> names.put(s.get("spanId").asText(), s.get("name").asText()));
        StringBuilder path = new StringBuilder();
        body.get("criticalPath").forEach(id -> path.append(names.get(id.asText())).append(" > "));
        assertThat(path.toString()).isEqualTo("CI > build > queued > runner setup > Set up job > Compile > Complete job > "
                + "test > queued > Set up job > Run integration tests > Complete job > ");
        assertThat(names.get(body.get("bottleneck").asText())).isEqualTo("Run integration tests");
    }

    @Test
    void attemptTwoIsANewTraceLinkedToAttemptOne() throws Exception {
        importGitHub(fixture("run-555-attempt-1.json").toString(), fixture("jobs-555-attempt-1.json").toString());
        assertThat(importGitHub(fixture("run-555-attempt-2.json").toString(), fixture("jobs-555-attempt-2.json").toString())).isZero();

        String first = TraceIds.traceId("github", "https://github.com/acme/shop", "555", "1");
        String second = TraceIds.traceId("github", "https://github.com/acme/shop", "555", "2");
        JsonNode root = Http.get(base + "/api/v1/runs/" + second).json().get("spans").get(0);
        assertThat(root.get("links").get(0).get("traceId").asText()).isEqualTo(first);
        assertThat(root.get("links").get(0).get("spanId").asText()).isEqualTo(TraceIds.runSpanId(first));
        assertThat(Http.get(base + "/api/v1/pipelines/CI/runs").json().get("items")).hasSize(2);
    }

    @Test
    void aGitLabPipelineImportsWithItsCriticalPathAndOnceOnly() throws Exception {
        Path pipeline = dir.resolve("pipeline.json");
        Path jobs = dir.resolve("jobs.json");
        for (Path p : List.of(pipeline, jobs)) {
            try (InputStream in = getClass().getResourceAsStream("/pipeline/gitlab/" + (p == pipeline ? "pipeline-4242.json" : "jobs-4242.json"))) {
                Files.write(p, in.readAllBytes());
            }
        }
        String[] args = {"import", "gitlab", "--file", pipeline.toString(), "--file", jobs.toString()};
        Map<String, String> env = Map.of("SHIPWATCH_SERVER", base);

        for (int i = 0; i < 2; i++) {
            assertThat(PipelineCommand.commandLine(env, Clock.systemUTC(), new OtlpTraceExport(), new PrintWriter(out, true),
                    new PrintWriter(err, true)).execute(args)).as(err.toString()).isZero();
        }

        String traceId = TraceIds.traceId("gitlab", "https://gitlab.example.com/acme/search", "4242", null);
        assertThat(Http.get(base + "/api/v1/pipelines/Merge%20request%20pipeline/runs").json().get("items")).hasSize(1);
        JsonNode run = Http.get(base + "/api/v1/runs/" + traceId).json();
        assertThat(run.get("spans")).hasSize(8);
        assertThat(run.get("bottleneck").asText()).isEqualTo(TraceIds.spanId(traceId, "job", "9902"));
    }

    @Test
    void aMalformedFileIsOneLineNamingFileAndLineAndExit2() throws Exception {
        Path broken = fixture("run-broken.json");

        assertThat(importGitHub(broken.toString(), fixture("jobs-555-attempt-1.json").toString())).isEqualTo(ExitCode.USAGE);
        assertThat(err.toString()).isEqualTo(broken + ":6: malformed JSON: Unexpected character ('\"' (code 34)): was "
                + "expecting comma to separate Object entries; save the API's answer unchanged\n");
        assertThat(Http.get(base + "/api/v1/pipelines").json().get("items")).isEmpty();
    }
}
