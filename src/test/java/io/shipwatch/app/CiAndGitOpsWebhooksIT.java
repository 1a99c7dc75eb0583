package io.shipwatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.shipwatch.pipeline.TraceIds;
import io.shipwatch.testing.GitHubHooks;
import io.shipwatch.testing.Http;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CI webhooks (traces) and GitOps notifications (deployment markers) through a real server. */
class CiAndGitOpsWebhooksIT {
    static final String GITHUB = "github-secret-0123456789abcdef";
    static final String GITLAB = "gitlab-token-0123456789abcdef";
    static final String ARGOCD = "argocd-token-0123456789abcdef";
    static final String FLUX = "flux-token-0123456789abcdef";
    static final String GITHUB_TRACE = TraceIds.traceId("github", "https://github.com/acme/shop", "500", "1");
    static final String GITLAB_TRACE = TraceIds.traceId("gitlab", "https://gitlab.example.com/acme/search", "4242", null);

    @TempDir
    Path dir;

    private ShipwatchServer server;
    private String base;

    @BeforeEach
    void start() {
        Config config = new Config(null, null, null, null, null, null, new Config.WebhooksSection(
                new Config.SecretSection(GITHUB), new Config.SecretSection(GITLAB), null, null,
                new Config.SecretSection(ARGOCD), new Config.SecretSection(FLUX)));
        ServerSettings settings = ServerSettings.resolve(0, null, "jdbc:sqlite:" + dir.resolve("hooks.db"), config, Map.of());
        server = new ShipwatchServer(settings, ScenarioServer.CLOCK);
        base = "http://127.0.0.1:" + server.start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void gitHubWorkflowJobIsRefusedWhenBadAndAppliedOnce() {
        String body = WebhooksIT.fixture("github/workflow_job-completed.json");
        Http.Response forged = GitHubHooks.deliverRaw(base, "workflow_job", body, GitHubHooks.signature("wrong", body), "j-1");
        assertThat(forged.status()).isEqualTo(401);
        Http.Response malformed = github("workflow_job", "github/workflow_job-without-run_id.json", "j-2");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.json().get("errors").get(0).get("field").asText()).isEqualTo("workflow_job.run_id");
        assertThat(pipelines()).isEmpty();

        assertThat(github("workflow_job", "github/workflow_job-completed.json", "j-3").json().get("applied").asInt()).isEqualTo(1);
        JsonNode spans = spans(GITHUB_TRACE);
        assertThat(spans).hasSize(6);
        Http.Response again = github("workflow_job", "github/workflow_job-completed.json", "j-3");
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().get("duplicate").asBoolean()).isTrue();
        assertThat(spans(GITHUB_TRACE)).isEqualTo(spans);
    }

    @Test
    void gitLabPipelineAndJobHooksLandInTheImportsTraceAndNeverMoveBack() {
        assertThat(gitlab("Job Hook", "gitlab/job-failed.json", GITLAB).status()).isEqualTo(202);
        assertThat(gitlab("Pipeline Hook", "gitlab/pipeline-failed.json", GITLAB).status()).isEqualTo(202);
        JsonNode run = Http.get(base + "/api/v1/runs/" + GITLAB_TRACE).json();
        assertThat(run.get("spans")).anySatisfy(s -> {
            assertThat(s.get("spanId").asText()).isEqualTo(TraceIds.runSpanId(GITLAB_TRACE));
            assertThat(s.get("name").asText()).isEqualTo("Merge request pipeline");
        });
        assertThat(run.get("spans")).anySatisfy(s -> {
            assertThat(s.get("spanId").asText()).isEqualTo(TraceIds.spanId(GITLAB_TRACE, "job", "9902"));
            assertThat(s.get("status").asText()).isEqualTo("error");
        });
        // the running pipeline's hook, delivered late: the finished spans stay as they are
        assertThat(gitlab("Pipeline Hook", "gitlab/pipeline-running.json", GITLAB).status()).isEqualTo(202);
        assertThat(spans(GITLAB_TRACE)).isEqualTo(run.get("spans"));

        assertThat(gitlab("Job Hook", "gitlab/job-failed.json", "wrong-token").status()).isEqualTo(401);
        Http.Response malformed = gitlab("Job Hook", "gitlab/job-bad-time.json", GITLAB);
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.json().get("errors").get(0).get("field").asText()).isEqualTo("build_created_at");
    }

    @Test
    void argoCdNotificationsMakeOneMarkerPerSync() {
        assertThat(argocd("argocd/sync-running.json", ARGOCD).status()).isEqualTo(202);
        assertThat(argocd("argocd/deployed.json", ARGOCD).status()).isEqualTo(202);
        JsonNode items = deployments();
        assertThat(items).singleElement().satisfies(d -> {
            assertThat(d.get("service").asText()).isEqualTo("checkout");
            assertThat(d.get("environment").asText()).isEqualTo("prod-eu");
            assertThat(d.get("version").asText()).isEqualTo("c3c3c3c");
            assertThat(d.get("status").asText()).isEqualTo("succeeded");
            assertThat(d.get("finishedAt").asText()).isEqualTo("2026-11-12T10:03:00Z");
        });
        Http.Response again = argocd("argocd/deployed.json", ARGOCD);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().get("duplicate").asBoolean()).isTrue();
        assertThat(deployments()).isEqualTo(items);

        assertThat(argocd("argocd/deployed.json", "wrong-token").status()).isEqualTo(401);
        assertThat(argocd("argocd/bad-startedAt.json", ARGOCD).status()).isEqualTo(400);
        assertThat(deployments()).isEqualTo(items);
    }

    @Test
    void fluxEventsSignedOrWithATokenMakeMarkers() {
        String progressing = WebhooksIT.fixture("flux/helmrelease-progressing.json");
        assertThat(Http.post(base + "/hooks/flux", progressing, "X-Signature", GitHubHooks.signature(FLUX, progressing))
                .status()).isEqualTo(202);
        String succeeded = WebhooksIT.fixture("flux/helmrelease-upgrade-succeeded.json");
        assertThat(Http.post(base + "/hooks/flux", succeeded, "Authorization", "Bearer " + FLUX).status()).isEqualTo(202);
        JsonNode items = deployments();
        assertThat(items).singleElement().satisfies(d -> {
            assertThat(d.get("service").asText()).isEqualTo("search");
            assertThat(d.get("environment").asText()).isEqualTo("prod-eu");
            assertThat(d.get("version").asText()).isEqualTo("2.4.1");
            assertThat(d.get("status").asText()).isEqualTo("succeeded");
        });
        assertThat(Http.post(base + "/hooks/flux", succeeded, "Authorization", "Bearer " + FLUX).json()
                .get("duplicate").asBoolean()).isTrue();

        String failed = WebhooksIT.fixture("flux/kustomization-health-check-failed.json");
        Http.Response forged = Http.post(base + "/hooks/flux", failed, "X-Signature", GitHubHooks.signature("wrong", failed));
        assertThat(forged.status()).isEqualTo(401);
        assertThat(forged.contentType()).startsWith("application/problem+json");
        String malformed = WebhooksIT.fixture("flux/without-name.json");
        assertThat(Http.post(base + "/hooks/flux", malformed, "X-Signature", GitHubHooks.signature(FLUX, malformed))
                .status()).isEqualTo(400);
        assertThat(deployments()).isEqualTo(items);

        assertThat(Http.post(base + "/hooks/flux?environment=staging", failed, "X-Signature",
                GitHubHooks.signature(FLUX, failed)).status()).isEqualTo(202);
        assertThat(deployments().get(0).get("environment").asText()).isEqualTo("staging");
        assertThat(deployments().get(0).get("status").asText()).isEqualTo("failed");
    }

    private Http.Response github(String event, String file, String delivery) {
        String body = WebhooksIT.fixture(file);
        return GitHubHooks.deliverRaw(base, event, body, GitHubHooks.signature(GITHUB, body), delivery);
    }

    private Http.Response gitlab(String event, String file, String token) {
        return Http.post(base + "/hooks/gitlab", WebhooksIT.fixture(file), "X-Gitlab-Event", event, "X-Gitlab-Token", token);
    }

    private Http.Response argocd(String file, String token) {
        return Http.post(base + "/hooks/argocd?environment=prod-eu", WebhooksIT.fixture(file),
                "Authorization", "Bearer " + token);
    }

    private JsonNode pipelines() {
        return Http.get(base + "/api/v1/pipelines").json().get("items");
    }

    private JsonNode spans(String traceId) {
        return Http.get(base + "/api/v1/runs/" + traceId).json().get("spans");
    }

    private JsonNode deployments() {
        return Http.get(base + "/api/v1/deployments").json().get("items");
    }
}
