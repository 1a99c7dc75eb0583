package io.shipwatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.shipwatch.testing.GitHubHooks;
import io.shipwatch.testing.Http;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Recorded webhook payloads through a real server: what they store, and what bad ones do not. */
class WebhooksIT {
    static final String GITHUB = "github-secret-0123456789abcdef";
    static final String GITLAB = "gitlab-token-0123456789abcdef";
    static final String ALERTMANAGER = "am-token-0123456789abcdef";
    static final String PAGERDUTY = "pd-secret-0123456789abcdef";

    @TempDir
    Path dir;

    private ShipwatchServer server;
    private String base;

    @BeforeEach
    void start() {
        Map<String, Config.DoraServiceSection> services = Map.of(
                "checkout", new Config.DoraServiceSection("payments", List.of(
                        new Config.RepositorySection("https://github.com/acme/shop", List.of("services/checkout/")))),
                "search", new Config.DoraServiceSection("discovery", List.of(
                        new Config.RepositorySection("git@github.com:acme/shop.git", List.of("services/search/")))));
        Config config = new Config(null, null, null, null, null, new Config.DoraSection(null, null, services),
                new Config.WebhooksSection(new Config.SecretSection(GITHUB), new Config.SecretSection(GITLAB),
                        new Config.SecretSection(ALERTMANAGER), new Config.SecretSection(PAGERDUTY)));
        ServerSettings settings = ServerSettings.resolve(0, null, "jdbc:sqlite:" + dir.resolve("hooks.db"), config, Map.of());
        server = new ShipwatchServer(settings, DoraApiIT.CLOCK);
        base = "http://127.0.0.1:" + server.start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void gitHubDeploymentShipsTheServicesCommitsPushedSinceItsPreviousDeployment() {
        assertThat(github("deployment_status", "github/deployment_status-first-success.json", "d-1").status()).isEqualTo(202);
        github("push", "github/push-branch-retry-auth.json", "d-2");
        github("pull_request", "github/pull_request-merged.json", "d-3");
        github("push", "github/push-main.json", "d-4");
        github("deployment_status", "github/deployment_status-in_progress.json", "d-5");
        assertThat(deployments().get(0).get("status").asText()).isEqualTo("started");
        Http.Response done = github("deployment_status", "github/deployment_status-success.json", "d-6");
        assertThat(done.json().get("applied").asInt()).isEqualTo(1);

        JsonNode items = deployments();
        assertThat(items).hasSize(2);
        JsonNode first = items.get(1);
        assertThat(first.get("service").asText()).isEqualTo("checkout");
        assertThat(first.get("commitSha").asText()).startsWith("a1a1");
        assertThat(first.get("commits")).as("a first deployment ships no history").isEmpty();
        JsonNode second = items.get(0);
        assertThat(second.get("status").asText()).isEqualTo("succeeded");
        assertThat(second.get("finishedAt").asText()).isEqualTo("2026-11-12T10:00:00Z");
        // c3 touches services/search only: it is search's change, not checkout's
        assertThat(second.get("commits")).hasSize(1);
        assertThat(second.get("commits").get(0).get("sha").asText()).startsWith("b2b2");
        assertThat(second.get("commits").get(0).get("message").asText()).isEqualTo("Checkout: retry card authorisation");

        // b2 is pull request 7's merge: its change started at the branch's first commit, 2026-11-09T11:00Z
        JsonNode dora = Http.get(base + "/api/v1/dora?service=checkout&from=2026-11-01T00:00:00Z&to=2026-11-30T00:00:00Z").json();
        assertThat(dora.get("leadTimeForChanges").get("medianHours").asDouble()).isEqualTo(71.0);
        assertThat(dora.get("slowestChanges").get(0).get("fromPullRequest").asBoolean()).isTrue();
    }

    @Test
    void redeliveryChangesNothing() {
        github("deployment_status", "github/deployment_status-first-success.json", "d-1");
        github("deployment_status", "github/deployment_status-in_progress.json", "d-5");
        github("deployment_status", "github/deployment_status-success.json", "d-6");
        JsonNode before = deployments();
        Http.Response again = github("deployment_status", "github/deployment_status-in_progress.json", "d-5");
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().get("duplicate").asBoolean()).isTrue();
        assertThat(deployments()).isEqualTo(before);

        alertmanager("alertmanager/firing.json", ALERTMANAGER);
        alertmanager("alertmanager/resolved.json", ALERTMANAGER);
        JsonNode incidents = incidents();
        assertThat(alertmanager("alertmanager/firing.json", ALERTMANAGER).json().get("duplicate").asBoolean()).isTrue();
        assertThat(incidents()).isEqualTo(incidents);
    }

    @Test
    void badSignatureIs401AndStoresNothing() {
        String body = fixture("github/deployment_status-first-success.json");
        Http.Response r = GitHubHooks.deliverRaw(base, "deployment_status", body,
                GitHubHooks.signature("not-the-secret", body), "d-1");
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.json().get("detail").asText()).isEqualTo("X-Hub-Signature-256 does not match the body signed "
                + "with the configured secret; check webhooks.github.secret");
        assertThat(deployments()).isEmpty();
        // the refused delivery was not remembered: delivered properly, the same id is applied
        assertThat(GitHubHooks.deliverRaw(base, "deployment_status", body, GitHubHooks.signature(GITHUB, body), "d-1")
                .status()).isEqualTo(202);
        assertThat(deployments()).hasSize(1);

        assertThat(alertmanager("alertmanager/firing.json", "wrong-token").status()).isEqualTo(401);
        assertThat(Http.post(base + "/hooks/gitlab", fixture("gitlab/push.json"), "X-Gitlab-Event", "Push Hook",
                "X-Gitlab-Token", "wrong").status()).isEqualTo(401);
        assertThat(Http.post(base + "/hooks/pagerduty", fixture("pagerduty/triggered.json"),
                "X-PagerDuty-Signature", "v1=00").status()).isEqualTo(401);
        assertThat(incidents()).isEmpty();
    }

    @Test
    void malformedPayloadIs400AndStoresNothing() {
        Http.Response r = github("deployment_status", "github/deployment_status-without-sha.json", "d-9");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("errors").get(0).get("field").asText()).isEqualTo("deployment.sha");
        String truncated = "{\"ref\": \"refs/heads/main\", \"commits\": [";
        Http.Response broken = GitHubHooks.deliverRaw(base, "push", truncated, GitHubHooks.signature(GITHUB, truncated), "d-10");
        assertThat(broken.status()).isEqualTo(400);
        assertThat(alertmanager("alertmanager/bad-startsAt.json", ALERTMANAGER).status()).isEqualTo(400);
        assertThat(deployments()).isEmpty();
        assertThat(incidents()).isEmpty();
        // a malformed delivery is not remembered either: fixed and resent under the same id, it is applied
        assertThat(github("deployment_status", "github/deployment_status-first-success.json", "d-9").status()).isEqualTo(202);
    }

    @Test
    void alertmanagerAndPagerDutyOpenAndResolveIncidents() {
        Http.Response firing = alertmanager("alertmanager/firing.json", ALERTMANAGER);
        assertThat(firing.json().get("applied").asInt()).isEqualTo(1);
        assertThat(firing.json().get("ignored").get(0).asText()).contains("0a0b0c0d0e0f1011");
        alertmanager("alertmanager/resolved.json", ALERTMANAGER);
        pagerduty("pagerduty/triggered.json");
        pagerduty("pagerduty/resolved.json");

        JsonNode items = incidents();
        assertThat(items).hasSize(2);
        JsonNode page = items.get(0);
        assertThat(page.get("source").asText()).isEqualTo("pagerduty");
        assertThat(page.get("openedAt").asText()).isEqualTo("2026-11-13T08:00:00Z");
        assertThat(page.get("resolvedAt").asText()).isEqualTo("2026-11-13T08:45:00Z");
        JsonNode alert = items.get(1);
        assertThat(alert.get("service").asText()).isEqualTo("checkout");
        assertThat(alert.get("openedAt").asText()).isEqualTo("2026-11-12T10:20:00.123Z");
        assertThat(alert.get("resolvedAt").asText()).isEqualTo("2026-11-12T11:05:00Z");
        JsonNode dora = Http.get(base + "/api/v1/dora?service=checkout&from=2026-11-01T00:00:00Z&to=2026-11-30T00:00:00Z").json();
        assertThat(dora.get("timeToRestore").get("incidents").asInt()).isEqualTo(2);
        assertThat(dora.get("timeToRestore").get("medianHours").asDouble()).isEqualTo(0.75); // 44 min 59.877 s and 45 min
    }

    @Test
    void gitLabPushAndDeployments() {
        gitlab("Deployment Hook", "gitlab/deployment-first.json");
        gitlab("Push Hook", "gitlab/push.json");
        assertThat(gitlab("Deployment Hook", "gitlab/deployment-success.json").status()).isEqualTo(202);
        JsonNode items = deployments();
        assertThat(items).hasSize(2);
        assertThat(items.get(0).get("service").asText()).isEqualTo("billing");
        assertThat(items.get(0).get("finishedAt").asText()).isEqualTo("2026-11-10T10:50:00Z");
        assertThat(items.get(0).get("commits").get(0).get("sha").asText()).startsWith("1b1b");
        assertThat(gitlab("Deployment Hook", "gitlab/deployment-unknown-status.json").status()).isEqualTo(400);
    }

    private Http.Response github(String event, String file, String delivery) {
        String body = fixture(file);
        return GitHubHooks.deliverRaw(base, event, body, GitHubHooks.signature(GITHUB, body), delivery);
    }

    private Http.Response gitlab(String event, String file) {
        return Http.post(base + "/hooks/gitlab", fixture(file), "X-Gitlab-Event", event, "X-Gitlab-Token", GITLAB);
    }

    private Http.Response alertmanager(String file, String token) {
        return Http.post(base + "/hooks/alertmanager", fixture(file), "Authorization", "Bearer " + token);
    }

    private Http.Response pagerduty(String file) {
        String body = fixture(file);
        return Http.post(base + "/hooks/pagerduty", body, "X-PagerDuty-Signature", "v1=" + hmac(PAGERDUTY, body));
    }

    private JsonNode deployments() {
        return Http.get(base + "/api/v1/deployments").json().get("items");
    }

    private JsonNode incidents() {
        return Http.get(base + "/api/v1/incidents").json().get("items");
    }

    private static String hmac(String secret, String body) {
        return GitHubHooks.signature(secret, body).substring("sha256=".length());
    }

    static String fixture(String name) {
        try (InputStream in = WebhooksIT.class.getResourceAsStream("/dora/webhooks/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
