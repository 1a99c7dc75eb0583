package io.shipwatch.providers.gitlab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shipwatch.providers.ProviderException;
import io.shipwatch.testing.RecordingHttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class GitLabClientTest {
    static final String PIPELINE = "/api/v4/projects/77/pipelines/4242";

    private RecordingHttpServer gitlab;

    @BeforeEach
    void start() {
        gitlab = RecordingHttpServer.start();
    }

    @AfterEach
    void stop() {
        gitlab.close();
    }

    static String fixture(String file) {
        try (InputStream in = GitLabClientTest.class.getResourceAsStream("/pipeline/gitlab/" + file)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void fetchesThePipelineAndPagesOfJobsWithTheToken() throws Exception {
        String jobs = fixture("jobs-4242.json");
        int split = jobs.indexOf("},\n  {", jobs.indexOf("},\n  {") + 1) + 1; // after the second job
        gitlab.respond(PIPELINE, 200, fixture("pipeline-4242.json"));
        gitlab.enqueue(PIPELINE + "/jobs", 200, jobs.substring(0, split) + "\n]");
        gitlab.enqueue(PIPELINE + "/jobs", 200, "[" + jobs.substring(split + 1));
        gitlab.enqueue(PIPELINE + "/jobs", 200, "[]"); // a full page asks for the next, which is empty

        GitLabClient.FetchedPipeline fetched = new GitLabClient(URI.create(gitlab.baseUri() + "/api/v4"),
                Map.of("PRIVATE-TOKEN", "glpat-test"), 2).fetch("77", "4242");

        assertThat(gitlab.requests()).extracting(r -> r.path() + "?" + r.query()).containsExactly(PIPELINE + "?null",
                PIPELINE + "/jobs?per_page=2&page=1", PIPELINE + "/jobs?per_page=2&page=2",
                PIPELINE + "/jobs?per_page=2&page=3");
        assertThat(gitlab.requests()).allSatisfy(r -> assertThat(r.header("PRIVATE-TOKEN")).isEqualTo("glpat-test"));
        assertThat(fetched.jobs()).hasSize(3);
        assertThat(fetched.jobs().get(0).root().size() + fetched.jobs().get(1).root().size()).isEqualTo(4);
    }

    @Test
    void anAnswerThatIsNotJsonIsAProviderFailure() {
        gitlab.respond(PIPELINE, 200, "<html>sign in</html>");
        GitLabClient client = new GitLabClient(URI.create(gitlab.baseUri() + "/api/v4"), Map.of());

        assertThatThrownBy(() -> client.fetch("77", "4242")).isInstanceOf(ProviderException.class)
                .hasMessageStartingWith("GitLab API " + PIPELINE + " answered 200 with a body that is not usable JSON")
                .hasMessageEndingWith("; is the API URL right?");
    }

    @Test
    void aRefusalNamesThePathAndWhatToDo() {
        gitlab.respond(PIPELINE, 401, "{\"message\":\"401 Unauthorized\"}");
        GitLabClient client = new GitLabClient(URI.create(gitlab.baseUri() + "/api/v4"), Map.of());

        assertThatThrownBy(() -> client.fetch("77", "4242")).isInstanceOf(ProviderException.class)
                .hasMessage("GitLab API " + PIPELINE + " answered 401: 401 Unauthorized; set GITLAB_TOKEN to a token "
                        + "with read_api (or run inside the project's CI for CI_JOB_TOKEN)");
    }
}
