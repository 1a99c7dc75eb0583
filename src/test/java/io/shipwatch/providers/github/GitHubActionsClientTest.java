package io.shipwatch.providers.github;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shipwatch.pipeline.GitHubActionsRunParser;
import io.shipwatch.pipeline.JsonSource;
import io.shipwatch.pipeline.PipelineSpan;
import io.shipwatch.providers.ProviderException;
import io.shipwatch.testing.RecordingHttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class GitHubActionsClientTest {
    static final String RUN = "/repos/acme/shop/actions/runs/555";

    private RecordingHttpServer github;

    @BeforeEach
    void start() {
        github = RecordingHttpServer.start();
    }

    @AfterEach
    void stop() {
        github.close();
    }

    static String fixture(String file) {
        try (InputStream in = GitHubActionsClientTest.class.getResourceAsStream("/pipeline/github/" + file)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void fetchesTheRunAndEveryPageOfItsAttemptsJobsWithTheToken() throws Exception {
        github.respond(RUN, 200, fixture("run-555-attempt-1.json"));
        github.enqueue(RUN + "/attempts/1/jobs", 200, fixture("jobs-555-attempt-1-page-1.json"));
        github.enqueue(RUN + "/attempts/1/jobs", 200, fixture("jobs-555-attempt-1-page-2.json"));

        GitHubActionsClient.FetchedRun run = new GitHubActionsClient(github.baseUri(), "ghp_test", 2).fetch("acme/shop", "555", null);

        List<RecordingHttpServer.Request> requests = github.requests();
        assertThat(requests).extracting(r -> r.path() + "?" + r.query()).containsExactly(RUN + "?null",
                RUN + "/attempts/1/jobs?per_page=2&page=1", RUN + "/attempts/1/jobs?per_page=2&page=2");
        assertThat(requests).allSatisfy(r -> {
            assertThat(r.header("Authorization")).isEqualTo("Bearer ghp_test");
            assertThat(r.header("Accept")).isEqualTo("application/vnd.github+json");
            assertThat(r.header("X-GitHub-Api-Version")).isEqualTo("2022-11-28");
        });
        List<PipelineSpan> spans = GitHubActionsRunParser.parse(run.run(), run.jobs());
        List<PipelineSpan> saved = GitHubActionsRunParser.parse(
                JsonSource.parse("run", fixture("run-555-attempt-1.json").getBytes(StandardCharsets.UTF_8)),
                List.of(JsonSource.parse("jobs", fixture("jobs-555-attempt-1.json").getBytes(StandardCharsets.UTF_8))));
        assertThat(spans).containsExactlyInAnyOrderElementsOf(saved);
    }

    @Test
    void aGivenAttemptIsAskedForByNumber() throws Exception {
        github.respond(RUN + "/attempts/2", 200, fixture("run-555-attempt-2.json"));
        github.respond(RUN + "/attempts/2/jobs", 200, fixture("jobs-555-attempt-2.json"));

        GitHubActionsClient.FetchedRun run = new GitHubActionsClient(github.baseUri(), null).fetch("acme/shop", "555", "2");

        assertThat(run.run().root().path("run_attempt").asInt()).isEqualTo(2);
        assertThat(github.requests()).allSatisfy(r -> assertThat(r.header("Authorization")).isNull());
    }

    @Test
    void refusalsSayWhatToDoAndWhetherARetryHelps() {
        github.respond(RUN, 404, "{\"message\":\"Not Found\",\"documentation_url\":\"https://docs.github.com/rest\"}");
        GitHubActionsClient client = new GitHubActionsClient(github.baseUri(), null);

        assertThatThrownBy(() -> client.fetch("acme/shop", "555", null))
                .isInstanceOf(ProviderException.class)
                .hasMessage("GitHub API " + RUN + " answered 404: Not Found; check --repo and --run-id (a private "
                        + "repository needs GITHUB_TOKEN)")
                .matches(e -> !((ProviderException) e).retryable());
        github.respond(RUN, 502, "bad gateway");
        assertThatThrownBy(() -> client.fetch("acme/shop", "555", null))
                .hasMessage("GitHub API " + RUN + " answered 502")
                .matches(e -> ((ProviderException) e).retryable());
    }
}
