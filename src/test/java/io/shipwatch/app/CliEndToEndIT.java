package io.shipwatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.shipwatch.testing.Http;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged jar as users run it: {@code shipwatch server} in its own process, and {@code shipwatch deploy}
 * commands against it, checking what they print and how they exit.
 */
class CliEndToEndIT {
    static final Path JAR = Path.of("target", "shipwatch.jar");

    @TempDir
    static Path dir;

    static Process server;
    static String base;

    @BeforeAll
    static void startServer() throws Exception {
        assertThat(JAR).as("the jar is built by 'mvn package' before integration tests").exists();
        int port = freePort();
        base = "http://127.0.0.1:" + port;
        server = new ProcessBuilder(java(), "-jar", JAR.toString(), "server", "--port", String.valueOf(port),
                "--db", "jdbc:sqlite:" + dir.resolve("x.db"))
                .redirectErrorStream(true).redirectOutput(dir.resolve("server.log").toFile()).start();
        Instant deadline = Instant.now().plusSeconds(60);
        while (true) {
            try {
                if (Http.get(base + "/healthz").status() == 200) {
                    break;
                }
            } catch (RuntimeException notYet) {
                if (Instant.now().isAfter(deadline) || !server.isAlive()) {
                    throw new AssertionError("server did not start: " + Files.readString(dir.resolve("server.log")));
                }
                Thread.sleep(200);
            }
        }
    }

    @AfterAll
    static void stopServer() throws InterruptedException {
        server.destroy();
        server.waitFor(20, TimeUnit.SECONDS);
    }

    record Run(int exit, String out, String err) {
    }

    static Run shipwatch(Map<String, String> env, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(java(), "-jar", JAR.toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().clear(); // the test runner may itself be in CI: only what the test says
        pb.environment().put("PATH", System.getenv("PATH"));
        pb.environment().putAll(env);
        Path out = Files.createTempFile(dir, "out", ".txt");
        Path err = Files.createTempFile(dir, "err", ".txt");
        Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Run(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    @Test
    void markIsListedAndCountedInMetrics() throws Exception {
        Run run = shipwatch(Map.of(), "deploy", "mark", "--server", base, "--service", "checkout", "--env",
                "production", "--version", "2.1.0");
        assertThat(run.exit()).as(run.err()).isZero();
        String id = run.out().trim();

        JsonNode items = Http.get(base + "/api/v1/deployments?service=checkout").json().get("items");
        assertThat(items).anySatisfy(d -> {
            assertThat(d.get("id").asText()).isEqualTo(id);
            assertThat(d.get("version").asText()).isEqualTo("2.1.0");
            assertThat(d.get("status").asText()).isEqualTo("succeeded");
        });
        assertThat(Http.get(base + "/metrics").body()).containsPattern(
                "shipwatch_deployments_total\\{environment=\"production\",service=\"checkout\",status=\"succeeded\"} [1-9]");
    }

    @Test
    void serverHandsOutItsOwnJarForCi() throws Exception {
        java.net.http.HttpResponse<byte[]> jar = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + "/download/shipwatch.jar")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofByteArray());
        assertThat(jar.statusCode()).isEqualTo(200);
        assertThat(jar.headers().firstValue("Content-Type")).hasValue("application/java-archive");
        assertThat(jar.body()).isEqualTo(Files.readAllBytes(JAR));
    }

    @Test
    void startInGitHubActionsFillsTheRunAndFinishClosesIt() throws Exception {
        Path output = dir.resolve("github_output");
        Map<String, String> env = new HashMap<>(Map.of("GITHUB_ACTIONS", "true", "GITHUB_SHA",
                "f95f852bd8fca8fcc58a9a2d6c842781e32a215e", "GITHUB_SERVER_URL", "https://github.com",
                "GITHUB_REPOSITORY", "acme/shop", "GITHUB_RUN_ID", "9001", "GITHUB_RUN_ATTEMPT", "1",
                "GITHUB_ACTOR", "octocat", "GITHUB_OUTPUT", output.toString(), "SHIPWATCH_SERVER", base));
        Run start = shipwatch(env, "deploy", "start", "--service", "search", "--env", "production", "--version", "7.1.0");
        assertThat(start.exit()).as(start.err()).isZero();
        String id = start.out().trim();
        assertThat(Files.readString(output)).contains("deployment-id=" + id);

        JsonNode d = Http.get(base + "/api/v1/deployments/" + id).json();
        assertThat(d.get("status").asText()).isEqualTo("started");
        assertThat(d.get("commitSha").asText()).isEqualTo("f95f852bd8fca8fcc58a9a2d6c842781e32a215e");
        assertThat(d.get("repositoryUrl").asText()).isEqualTo("https://github.com/acme/shop");
        assertThat(d.get("pipelineRunUrl").asText()).isEqualTo("https://github.com/acme/shop/actions/runs/9001/attempts/1");
        assertThat(d.get("actor").asText()).isEqualTo("octocat");

        Run finish = shipwatch(env, "deploy", "finish", "--id", id);
        assertThat(finish.exit()).as(finish.err()).isZero();
        assertThat(Http.get(base + "/api/v1/deployments/" + id).json().get("status").asText()).isEqualTo("succeeded");
    }

    @Test
    void badUsageIsOneLineAndExit2() throws Exception {
        assertOneLine(shipwatch(Map.of(), "deploy", "mark", "--server", base, "--service", "checkout"), 2);
        assertOneLine(shipwatch(Map.of(), "deploy", "mark", "--server", base, "--service", "checkout", "--env", "prod",
                "--version", "1", "--status", "done"), 2);
        assertOneLine(shipwatch(Map.of(), "deploy", "explode"), 2);
        assertOneLine(shipwatch(Map.of(), "server", "--db", "jdbc:mysql://localhost/x", "--port", "0"), 2);
        assertOneLine(shipwatch(Map.of(), "server", "--bind", "0.0.0.0", "--port", "0"), 2);
    }

    @Test
    void refusedIsExit1AndUnreachableIsExit3() throws Exception {
        Run refused = shipwatch(Map.of(), "deploy", "finish", "--server", base, "--id", "no-such-deployment");
        assertOneLine(refused, 1);
        assertThat(refused.err()).contains("no deployment 'no-such-deployment'");
        Run unreachable = shipwatch(Map.of(), "deploy", "mark", "--server", "http://127.0.0.1:" + freePort(),
                "--service", "checkout", "--env", "production", "--version", "2.1.0");
        assertOneLine(unreachable, 3);
    }

    @Test
    void versionAndHelpWorkEverywhere() throws Exception {
        assertThat(shipwatch(Map.of(), "--version").out()).startsWith("shipwatch ");
        for (List<String> cmd : List.of(List.of("--help"), List.of("server", "--help"), List.of("demo", "--help"),
                List.of("deploy", "--help"), List.of("deploy", "start", "--help"), List.of("deploy", "finish", "--help"),
                List.of("deploy", "mark", "--help"))) {
            Run run = shipwatch(Map.of(), cmd.toArray(String[]::new));
            assertThat(run.exit()).as(String.join(" ", cmd)).isZero();
            assertThat(run.out()).as(String.join(" ", cmd)).contains("Usage:");
        }
    }

    private static void assertOneLine(Run run, int exit) {
        assertThat(run.exit()).as(run.err()).isEqualTo(exit);
        assertThat(run.err().strip().lines()).as(run.err()).hasSize(1);
        assertThat(run.err()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
