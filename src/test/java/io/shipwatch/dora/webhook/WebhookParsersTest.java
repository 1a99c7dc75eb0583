package io.shipwatch.dora.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.shipwatch.core.InputException;
import io.shipwatch.json.Json;
import io.shipwatch.markers.DeploymentStatus;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class WebhookParsersTest {

    static JsonNode fixture(String name) {
        try (InputStream in = WebhookParsersTest.class.getResourceAsStream("/dora/webhooks/" + name)) {
            return Json.mapper().readTree(in);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void gitHubPushKeepsCommitsWithTheirPathsAndUtcTimes() {
        WebhookEvent.Push push = (WebhookEvent.Push) GitHubWebhookParser.parse("push", fixture("github/push-main.json")).get(0);
        assertThat(push.repositoryUrl()).isEqualTo("https://github.com/acme/shop");
        assertThat(push.before()).startsWith("a1a1");
        assertThat(push.commits()).extracting(WebhookEvent.PushedCommit::sha).containsExactly(
                "b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2", "c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3");
        assertThat(push.commits().get(0).committedAt()).isEqualTo(Instant.parse("2026-11-11T09:00:00Z"));
        assertThat(push.commits().get(1).paths()).containsExactly("services/search/src/Boost.java");
    }

    @Test
    void gitHubTagPushCarriesNoChange() {
        assertThat(GitHubWebhookParser.parse("push", fixture("github/push-tag.json")))
                .containsExactly(new WebhookEvent.Ignored("push of refs/tags/v1.1: only branches carry changes"));
    }

    @Test
    void gitHubMergedPullRequest() {
        var pr = (WebhookEvent.PullRequestMerged) GitHubWebhookParser.parse("pull_request",
                fixture("github/pull_request-merged.json")).get(0);
        assertThat(pr).isEqualTo(new WebhookEvent.PullRequestMerged("https://github.com/acme/shop", 7,
                "Checkout: retry card authorisation", "b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2",
                Instant.parse("2026-11-09T15:00:00Z"), Instant.parse("2026-11-11T09:00:00Z"), "retry-auth"));
    }

    @Test
    void gitHubDeploymentStatusNamesServiceFromItsPayload() {
        var d = (WebhookEvent.DeploymentUpdate) GitHubWebhookParser.parse("deployment_status",
                fixture("github/deployment_status-success.json")).get(0);
        assertThat(d.service()).isEqualTo("checkout");
        assertThat(d.externalId()).isEqualTo("https://github.com/acme/shop#9002");
        assertThat(d.status()).isEqualTo(DeploymentStatus.SUCCEEDED);
        assertThat(d.version()).isEqualTo("v1.1@c3c3c3c");
        assertThat(d.startedAt()).isEqualTo(Instant.parse("2026-11-12T09:50:00Z"));
        assertThat(d.finishedAt()).isEqualTo(Instant.parse("2026-11-12T10:00:00Z"));
        var started = (WebhookEvent.DeploymentUpdate) GitHubWebhookParser.parse("deployment_status",
                fixture("github/deployment_status-in_progress.json")).get(0);
        assertThat(started.status()).isEqualTo(DeploymentStatus.STARTED);
        assertThat(started.finishedAt()).isNull();
    }

    @Test
    void gitHubDeploymentStatusWithoutShaNamesTheField() {
        assertThatThrownBy(() -> GitHubWebhookParser.parse("deployment_status",
                fixture("github/deployment_status-without-sha.json")))
                .isInstanceOf(InputException.class)
                .hasMessage("deployment.sha: is missing; send the payload GitHub delivers, unchanged");
    }

    @Test
    void gitHubWorkflowRunIsATraceNotADeployment() {
        List<WebhookEvent> events = GitHubWebhookParser.parse("workflow_run", fixture("github/workflow_run-completed.json"));
        assertThat(events).singleElement().isInstanceOf(WebhookEvent.PipelineSpans.class);
    }

    @Test
    void gitLabDeploymentReadsTheShaFromTheCommitUrlAndGitLabTimes() {
        var d = (WebhookEvent.DeploymentUpdate) GitLabWebhookParser.parse("Deployment Hook",
                fixture("gitlab/deployment-success.json")).get(0);
        assertThat(d.sha()).isEqualTo("1b1b1b1b1b1b1b1b1b1b1b1b1b1b1b1b1b1b1b1b");
        assertThat(d.finishedAt()).isEqualTo(Instant.parse("2026-11-10T10:50:00Z"));
        assertThat(d.repositoryUrl()).isEqualTo("https://gitlab.example.com/acme/billing");
        assertThat(d.version()).isEqualTo("1b1b1b1b");
    }

    @Test
    void gitLabUnknownDeploymentStatusIsRefused() {
        assertThatThrownBy(() -> GitLabWebhookParser.parse("Deployment Hook", fixture("gitlab/deployment-unknown-status.json")))
                .hasMessage("status: unknown deployment status 'exploded'; send the payload GitLab delivers, unchanged");
    }

    @Test
    void gitLabPushTimesWithOffsets() {
        var push = (WebhookEvent.Push) GitLabWebhookParser.parse("Push Hook", fixture("gitlab/push.json")).get(0);
        assertThat(push.commits().get(0).committedAt()).isEqualTo(Instant.parse("2026-11-10T07:30:00Z"));
    }

    @Test
    void alertmanagerMakesOneIncidentPerFingerprintAndSkipsAlertsWithoutService() {
        List<WebhookEvent> events = AlertmanagerWebhookParser.parse(fixture("alertmanager/firing.json"));
        assertThat(events).hasSize(2);
        var incident = (WebhookEvent.IncidentUpdate) events.get(0);
        assertThat(incident.externalId()).isEqualTo("5f1a2b3c4d5e6f70@2026-11-12T10:20:00.123456789Z");
        assertThat(incident.service()).isEqualTo("checkout");
        assertThat(incident.title()).isEqualTo("checkout answers 5xx to 7 % of requests");
        assertThat(incident.resolvedAt()).isNull(); // endsAt is Go's zero time while firing
        assertThat(events.get(1)).isEqualTo(new WebhookEvent.Ignored("alert 0a0b0c0d0e0f1011 has no service, app or job label"));
        var resolved = (WebhookEvent.IncidentUpdate) AlertmanagerWebhookParser.parse(fixture("alertmanager/resolved.json")).get(0);
        assertThat(resolved.externalId()).isEqualTo(incident.externalId());
        assertThat(resolved.resolvedAt()).isEqualTo(Instant.parse("2026-11-12T11:05:00Z"));
    }

    @Test
    void alertmanagerBadTimeNamesTheAlert() {
        assertThatThrownBy(() -> AlertmanagerWebhookParser.parse(fixture("alertmanager/bad-startsAt.json")))
                .hasMessage("alerts[0].startsAt: 'yesterday' is not a time; send Alertmanager's webhook payload "
                        + "(version 4) unchanged");
    }

    @Test
    void pagerDutyPairsTriggerAndResolutionByIncidentId() {
        var opened = (WebhookEvent.IncidentUpdate) PagerDutyWebhookParser.parse(fixture("pagerduty/triggered.json")).get(0);
        var resolved = (WebhookEvent.IncidentUpdate) PagerDutyWebhookParser.parse(fixture("pagerduty/resolved.json")).get(0);
        assertThat(opened.externalId()).isEqualTo("Q2PDINC0001").isEqualTo(resolved.externalId());
        assertThat(opened.service()).isEqualTo("checkout");
        assertThat(opened.openedAt()).isEqualTo(Instant.parse("2026-11-13T08:00:00Z"));
        assertThat(resolved.resolvedAt()).isEqualTo(Instant.parse("2026-11-13T08:45:00Z"));
        assertThat(PagerDutyWebhookParser.parse(fixture("pagerduty/acknowledged.json")))
                .containsExactly(new WebhookEvent.Ignored("event incident.acknowledged is not used"));
    }

    @Test
    void signaturesMatchOnlyTheSignedBody() {
        byte[] body = "{\"zen\":\"Keep it logically awesome.\"}".getBytes(StandardCharsets.UTF_8);
        // reference value: printf '%s' "$body" | openssl dgst -sha256 -hmac 'It'"'"'s a Secret to Everybody'
        String secret = "It's a Secret to Everybody";
        String good = "sha256=" + hmac(secret, body);
        assertThat(WebhookSignatures.gitHubValid(secret, body, good)).isTrue();
        assertThat(WebhookSignatures.gitHubValid(secret, "{}".getBytes(StandardCharsets.UTF_8), good)).isFalse();
        assertThat(WebhookSignatures.gitHubValid("another secret", body, good)).isFalse();
        assertThat(WebhookSignatures.gitHubValid(secret, body, null)).isFalse();
        assertThat(WebhookSignatures.pagerDutyValid(secret, body, "v1=00ff, v1=" + hmac(secret, body))).isTrue();
        assertThat(WebhookSignatures.pagerDutyValid(secret, body, "v1=00ff")).isFalse();
        assertThat(WebhookSignatures.tokenValid("gl-token-0123456789", "gl-token-0123456789")).isTrue();
        assertThat(WebhookSignatures.tokenValid("gl-token-0123456789", "Bearer gl-token-0123456789")).isTrue();
        assertThat(WebhookSignatures.tokenValid("gl-token-0123456789", "GL-TOKEN-0123456789")).isFalse();
    }

    private static String hmac(String secret, byte[] body) {
        try {
            var p = new ProcessBuilder("openssl", "dgst", "-sha256", "-hmac", secret, "-r").start();
            p.getOutputStream().write(body);
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
            p.waitFor();
            return out.split(" ")[0].trim();
        } catch (IOException | InterruptedException e) {
            throw new AssertionError("openssl is needed as the reference HMAC", e);
        }
    }
}
