package io.shipwatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.shipwatch.cli.DeployCommand;
import io.shipwatch.testing.Http;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code deploy mark --commits-from-git} in a real Git repository against a real server. */
class DeployCommitsIT {
    @TempDir
    Path dir;

    private ShipwatchServer server;
    private String base;
    private Path repo;

    @BeforeEach
    void start() throws Exception {
        ServerSettings settings = ServerSettings.resolve(0, null, "jdbc:sqlite:" + dir.resolve("c.db"), Config.empty(), Map.of());
        server = new ShipwatchServer(settings, Clock.systemUTC());
        base = "http://127.0.0.1:" + server.start();
        repo = Files.createDirectory(dir.resolve("repo"));
        git("init", "-q", "-b", "main");
        commit("services/checkout/a.txt", "First", "2026-11-01T10:00:00+01:00");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void firstDeploymentSendsNoCommitsThenOnlyTheNewNonMergeOnesOfThePath() throws Exception {
        assertThat(mark("1.0").exit).isZero();
        assertThat(latest().get("commits")).isEmpty();

        commit("services/checkout/b.txt", "Checkout: faster totals", "2026-11-02T09:00:00Z");
        git("checkout", "-q", "-b", "search");
        commit("services/search/c.txt", "Search: synonyms", "2026-11-02T10:00:00Z");
        git("checkout", "-q", "main");
        commit("services/checkout/d.txt", "Checkout: copy", "2026-11-02T11:00:00Z");
        git("-c", "user.name=T", "-c", "user.email=t@example.com", "merge", "-q", "--no-ff", "-m", "Merge search", "search");

        Run run = mark("1.1", "--path", "services/checkout/");
        assertThat(run.err).isEmpty();
        List<String> messages = new ArrayList<>();
        latest().get("commits").forEach(c -> messages.add(c.get("message").asText()));
        assertThat(messages).containsExactly("Checkout: copy", "Checkout: faster totals");
        assertThat(latest().get("commits").get(1).get("committedAt").asText()).isEqualTo("2026-11-02T09:00:00Z");
        assertThat(latest().get("commits").get(1).get("sha").asText()).hasSize(40);
    }

    @Test
    void unknownPreviousCommitIsOneLineExit2() throws Exception {
        Http.post(base + "/api/v1/deployments", "{\"service\":\"checkout\",\"environment\":\"production\","
                + "\"version\":\"0.9\",\"commitSha\":\"0123456789abcdef0123456789abcdef01234567\"}");
        Run run = mark("1.0");
        assertThat(run.exit).isEqualTo(2);
        assertThat(run.err).startsWith("--commits-from-git: git log failed: fatal: ");
        assertThat(run.err).endsWith("; run in the repository's working copy with its full history "
                + "(actions/checkout: fetch-depth: 0; GitLab: GIT_DEPTH: 0)\n");
    }

    record Run(int exit, String err) {
    }

    private Run mark(String version, String... more) throws Exception {
        List<String> args = new ArrayList<>(List.of("mark", "--service", "checkout", "--env", "production",
                "--version", version, "--commit", git("rev-parse", "HEAD").trim(), "--commits-from-git",
                "--repo-dir", repo.toString()));
        args.addAll(List.of(more));
        StringWriter err = new StringWriter();
        int exit = DeployCommand.commandLine(Map.of("SHIPWATCH_SERVER", base), Clock.systemUTC(),
                new PrintWriter(new StringWriter()), new PrintWriter(err)).execute(args.toArray(String[]::new));
        return new Run(exit, err.toString());
    }

    private JsonNode latest() {
        return Http.get(base + "/api/v1/deployments?limit=1").json().get("items").get(0);
    }

    private void commit(String file, String message, String date) throws Exception {
        Path f = repo.resolve(file);
        Files.createDirectories(f.getParent());
        Files.writeString(f, message);
        git("add", file);
        git("-c", "user.name=T", "-c", "user.email=t@example.com", "commit", "-q", "-m", message, "--date", date);
    }

    private String git(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("git", "-C", repo.toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        // the committer date is what lead time counts from: set it like the author date
        pb.environment().put("GIT_COMMITTER_DATE", args.length > 0 && List.of(args).contains("--date")
                ? args[List.of(args).indexOf("--date") + 1] : "2026-11-03T00:00:00Z");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            throw new AssertionError(String.join(" ", command) + ": " + out);
        }
        return out;
    }
}
