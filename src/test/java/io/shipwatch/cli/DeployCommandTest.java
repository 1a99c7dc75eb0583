package io.shipwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import com.fasterxml.jackson.databind.JsonNode;
import io.shipwatch.json.Json;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DeployCommandTest {
    private static final String SHA = "ffac537e6cbbf934b08745a378932722df287a53";
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-26T14:04:00Z"), ZoneOffset.UTC);

    @TempDir
    Path temp;

    private RecordingServer server;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeEach
    void startServer() throws IOException {
        server = RecordingServer.start();
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    /** A push to main in GitHub Actions, pointed at the test server, with a fresh $GITHUB_OUTPUT. */
    private Map<String, String> gitHubActions() throws IOException {
        Path output = temp.resolve("set_output_5b1e");
        Files.writeString(output, "earlier=1\n");
        Map<String, String> env = new HashMap<>(Map.ofEntries(
                entry("HOME", "/home/runner"),
                entry("CI", "true"),
                entry("GITHUB_ACTIONS", "true"),
                entry("GITHUB_SHA", SHA),
                entry("GITHUB_SERVER_URL", "https://github.com"),
                entry("GITHUB_REPOSITORY", "octo-org/shop"),
                entry("GITHUB_RUN_ID", "1658821493"),
                entry("GITHUB_RUN_ATTEMPT", "2"),
                entry("GITHUB_WORKFLOW", "Deploy to production"),
                entry("GITHUB_JOB", "deploy"),
                entry("GITHUB_ACTOR", "octocat"),
                entry("GITHUB_REF", "refs/heads/main"),
                entry("GITHUB_REF_NAME", "main"),
                entry("GITHUB_HEAD_REF", ""),
                entry("RUNNER_NAME", "GitHub Actions 2"),
                entry("GITHUB_OUTPUT", output.toString()),
                entry("SHIPWATCH_SERVER", server.url()),
                entry("SHIPWATCH_TOKEN", "swt_4f1c0ffee")));
        return env;
    }

    private Map<String, String> laptop() {
        return Map.of("HOME", "/home/jane", "SHIPWATCH_SERVER", server.url());
    }

    private int run(Map<String, String> env, String... args) {
        return DeployCommand.commandLine(env, CLOCK, new PrintWriter(out), new PrintWriter(err)).execute(args);
    }

    private static JsonNode json(String text) throws IOException {
        return Json.mapper().readTree(text);
    }

    @Test
    void startSendsTheDeploymentFilledFromGitHubActions() throws IOException {
        Map<String, String> env = gitHubActions();

        int exit = run(env, "start", "--service", "checkout", "--env", "production", "--version", "1.4.2",
                "--description", "Canary first", "--tag", "team=payments", "--tag", "ticket=OPS-12");

        assertThat(err.toString()).isEmpty();
        assertThat(exit).isEqualTo(ExitCode.OK);
        assertThat(out.toString()).isEqualTo("dep-1\n");
        assertThat(server.requests()).hasSize(1);
        RecordingServer.Request request = server.requests().get(0);
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/api/v1/deployments");
        assertThat(request.authorization()).isEqualTo("Bearer swt_4f1c0ffee");
        assertThat(request.contentType()).isEqualTo("application/json");
        assertThat(request.json()).isEqualTo(json("""
                {"service": "checkout", "environment": "production", "version": "1.4.2", "status": "started",
                 "startedAt": "2026-11-26T14:04:00Z",
                 "commitSha": "ffac537e6cbbf934b08745a378932722df287a53",
                 "repositoryUrl": "https://github.com/octo-org/shop",
                 "pipelineRunId": "1658821493",
                 "pipelineRunUrl": "https://github.com/octo-org/shop/actions/runs/1658821493/attempts/2",
                 "actor": "octocat", "description": "Canary first",
                 "tags": {"team": "payments", "ticket": "OPS-12"},
                 "idempotencyKey": "github:https://github.com/octo-org/shop:1658821493:2:checkout:production:1.4.2:start"}
                """));
        assertThat(Files.readString(Path.of(env.get("GITHUB_OUTPUT")))).isEqualTo("earlier=1\ndeployment-id=dep-1\n");
    }

    @Test
    void flagsWinOverTheCiEnvironment() throws IOException {
        Map<String, String> env = gitHubActions();
        env.put("SHIPWATCH_SERVER", "http://127.0.0.1:9");

        int exit = run(env, "start", "--service", "checkout", "--env", "staging", "--version", "1.4.3",
                "--commit", "0a1b2c3", "--repo", "https://deploy:s3cret@git.example.com/shop.git", "--run-id", "77",
                "--run-url", "https://ci.example.com/runs/77", "--actor", "release-bot", "--idempotency-key", "rel-77",
                "--server", server.url(), "--token", "swt_flag");

        assertThat(exit).isEqualTo(ExitCode.OK);
        RecordingServer.Request request = server.requests().get(0);
        assertThat(request.authorization()).isEqualTo("Bearer swt_flag");
        assertThat(request.json()).isEqualTo(json("""
                {"service": "checkout", "environment": "staging", "version": "1.4.3", "status": "started",
                 "startedAt": "2026-11-26T14:04:00Z", "commitSha": "0a1b2c3",
                 "repositoryUrl": "https://git.example.com/shop",
                 "pipelineRunId": "77", "pipelineRunUrl": "https://ci.example.com/runs/77",
                 "actor": "release-bot", "idempotencyKey": "rel-77"}
                """));
    }

    @Test
    void outsideCiSendsOnlyWhatWasGivenAndNoKeyOrToken() throws IOException {
        int exit = run(laptop(), "start", "--service", "checkout", "--env", "production", "--version", "1.4.2");

        assertThat(exit).isEqualTo(ExitCode.OK);
        assertThat(out.toString()).isEqualTo("dep-1\n");
        RecordingServer.Request request = server.requests().get(0);
        assertThat(request.authorization()).isNull();
        assertThat(request.json()).isEqualTo(json("""
                {"service": "checkout", "environment": "production", "version": "1.4.2", "status": "started",
                 "startedAt": "2026-11-26T14:04:00Z"}
                """));
    }

    @Test
    void finishPatchesTheStatusAndLeavesTheFinishTimeToTheServer() throws IOException {
        int exit = run(laptop(), "finish", "--id", "dep-7", "--status", "rolled_back",
                "--description", "p99 doubled", "--token", "swt_x");

        assertThat(err.toString()).isEmpty();
        assertThat(exit).isEqualTo(ExitCode.OK);
        assertThat(out.toString()).isEqualTo("dep-7\n");
        RecordingServer.Request request = server.requests().get(0);
        assertThat(request.method()).isEqualTo("PATCH");
        assertThat(request.path()).isEqualTo("/api/v1/deployments/dep-7");
        assertThat(request.authorization()).isEqualTo("Bearer swt_x");
        assertThat(request.json()).isEqualTo(json("""
                {"status": "rolled_back", "description": "p99 doubled"}
                """));
    }

    @Test
    void finishDefaultsToSucceeded() throws IOException {
        int exit = run(laptop(), "finish", "--id", "dep-7");

        assertThat(exit).isEqualTo(ExitCode.OK);
        assertThat(server.requests().get(0).json()).isEqualTo(json("""
                {"status": "succeeded"}
                """));
    }

    @Test
    void markRecordsAFinishedDeploymentInOneCall() throws IOException {
        Map<String, String> env = gitHubActions();

        int exit = run(env, "mark", "--service", "checkout", "--env", "production", "--version", "1.4.2");

        assertThat(exit).isEqualTo(ExitCode.OK);
        assertThat(out.toString()).isEqualTo("dep-1\n");
        JsonNode body = server.requests().get(0).json();
        assertThat(body.path("status").asText()).isEqualTo("succeeded");
        assertThat(body.path("startedAt").asText()).isEqualTo("2026-11-26T14:04:00Z");
        assertThat(body.path("finishedAt").asText()).isEqualTo("2026-11-26T14:04:00Z");
        assertThat(body.path("idempotencyKey").asText())
                .isEqualTo("github:https://github.com/octo-org/shop:1658821493:2:checkout:production:1.4.2:mark");
        assertThat(Files.readString(Path.of(env.get("GITHUB_OUTPUT")))).isEqualTo("earlier=1\ndeployment-id=dep-1\n");
    }

    @Test
    void markTakesExplicitTimesAndStatus() throws IOException {
        int exit = run(laptop(), "mark", "--service", "checkout", "--env", "production", "--version", "1.4.1",
                "--status", "failed", "--started-at", "2026-11-26T15:00:00+01:00", "--finished-at", "2026-11-26T14:12:30Z");

        assertThat(exit).isEqualTo(ExitCode.OK);
        assertThat(server.requests().get(0).json()).isEqualTo(json("""
                {"service": "checkout", "environment": "production", "version": "1.4.1", "status": "failed",
                 "startedAt": "2026-11-26T14:00:00Z", "finishedAt": "2026-11-26T14:12:30Z"}
                """));
    }

    @Test
    void serverRefusalExits1WithTheProblemDetail() {
        server.answerWith(400, "application/problem+json", """
                {"type": "https://shipwatch.io/problems/invalid-input", "title": "Bad Request", "status": 400,
                 "detail": "version: '' must not be empty; give the version deployed",
                 "errors": [{"field": "version", "message": "must not be empty"}]}
                """);

        int exit = run(laptop(), "start", "--service", "checkout", "--env", "production", "--version", "1.4.2");

        assertThat(exit).isEqualTo(ExitCode.REFUSED);
        assertThat(out.toString()).isEmpty();
        assertThat(err.toString()).isEqualTo("server " + server.url()
                + " refused: 400 Bad Request: version: '' must not be empty; give the version deployed\n");
    }

    @Test
    void serverErrorWithoutProblemJsonShowsTheBodyOnOneLine() {
        server.answerWith(502, "text/html", "<html>\n<body>Bad gateway</body>\n</html>");

        int exit = run(laptop(), "finish", "--id", "dep-7");

        assertThat(exit).isEqualTo(ExitCode.REFUSED);
        assertThat(err.toString()).isEqualTo("server " + server.url()
                + " refused: 502 Bad Gateway: <html> <body>Bad gateway</body> </html>\n");
    }

    @Test
    void unauthorizedWithoutTokenSaysHowToPassOne() {
        server.answerWith(401, "application/problem+json", """
                {"title": "Unauthorized", "status": 401}
                """);

        int exit = run(laptop(), "finish", "--id", "dep-7");

        assertThat(exit).isEqualTo(ExitCode.REFUSED);
        assertThat(err.toString()).isEqualTo("server " + server.url()
                + " refused: 401 Unauthorized; pass a token with --token or SHIPWATCH_TOKEN\n");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            unknown flag          | start --service s --env e --version v --bogus                  | Unknown option: '--bogus'; see 'deploy start --help'
            missing service       | start --env e --version v                                      | Missing required option: '--service=NAME'; see 'deploy start --help'
            unknown status        | mark --service s --env e --version v --status done             | --status: unknown status 'done'; use one of succeeded, failed, rolled_back
            started is no finish  | finish --id d --status started                                 | --status: 'started' does not finish a deployment; use one of succeeded, failed, rolled_back, or 'shipwatch deploy start' to begin one
            bad started-at        | mark --service s --env e --version v --started-at 2026-11-26   | --started-at: '2026-11-26' is not an RFC 3339 time; use a time such as 2026-11-26T14:04:00Z
            finish before start   | mark --service s --env e --version v --started-at 2026-11-26T14:00:00Z --finished-at 2026-11-26T13:00:00Z | --finished-at: 2026-11-26T13:00:00Z is before the start 2026-11-26T14:00:00Z; give a finish time at or after --started-at
            bad tag               | start --service s --env e --version v --tag team                | Value for option '--tag' (KEY=VALUE) should be in KEY=VALUE format but was team; see 'deploy start --help'
            bad repo              | start --service s --env e --version v --repo /srv/git/shop.git | --repo: '/srv/git/shop.git' is not a repository URL; use a URL such as https://github.com/owner/repo or git@github.com:owner/repo.git
            bad server            | finish --id d --server localhost:8080                          | --server: 'localhost:8080' is not an http(s) URL; use a URL such as http://127.0.0.1:8080
            two problems at once  | mark --service ' ' --env e --version v --status done           | --service: the value is empty; give one such as checkout / --status: unknown status 'done'; use one of succeeded, failed, rolled_back
            no subcommand         | ''                                                             | Missing subcommand; use one of start, finish, mark; see 'deploy --help'
            """)
    void badUsageExits2WithOneLineAndSendsNothing(String name, String args, String message) {
        int exit = run(laptop(), args.isEmpty() ? new String[0] : split(args));

        assertThat(exit).isEqualTo(ExitCode.USAGE);
        assertThat(err.toString()).isEqualTo(message + "\n");
        assertThat(out.toString()).isEmpty();
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void unwritableGitHubOutputExits2BeforeSending() throws IOException {
        Map<String, String> env = gitHubActions();
        env.put("GITHUB_OUTPUT", temp.resolve("missing-dir/out").toString());

        int exit = run(env, "start", "--service", "checkout", "--env", "production", "--version", "1.4.2");

        assertThat(exit).isEqualTo(ExitCode.USAGE);
        assertThat(err.toString()).isEqualTo("GITHUB_OUTPUT: '" + temp.resolve("missing-dir/out")
                + "' cannot be written; unset it or point it at a writable file\n");
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void nothingListeningExits3() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }

        int exit = run(laptop(), "finish", "--id", "dep-7", "--server", "http://127.0.0.1:" + port);

        assertThat(exit).isEqualTo(ExitCode.UNREACHABLE);
        assertThat(err.toString()).isEqualTo("cannot reach server http://127.0.0.1:" + port + ": connection refused; "
                + "is 'shipwatch server' running, and is --server (or SHIPWATCH_SERVER) right?\n");
    }

    @Test
    void helpExplainsTheDefaultIdempotencyKey() {
        int exit = run(laptop(), "start", "--help");

        assertThat(exit).isEqualTo(ExitCode.OK);
        // picocli wraps the help at 80 columns, anywhere
        assertThat(out.toString().replaceAll("\\s+", ""))
                .contains("<provider>:<repository>:<runid>:<runattempt>:<service>:<env>:<version>:<subcommand>")
                .contains("--version=VERSION");
        assertThat(server.requests()).isEmpty();
    }

    private static String[] split(String args) {
        // single quotes group one argument, as a shell would
        java.util.List<String> parts = new java.util.ArrayList<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("'([^']*)'|(\\S+)").matcher(args);
        while (m.find()) {
            parts.add(m.group(1) != null ? m.group(1) : m.group(2));
        }
        return parts.toArray(new String[0]);
    }
}
