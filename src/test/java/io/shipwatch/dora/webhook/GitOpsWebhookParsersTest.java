package io.shipwatch.dora.webhook;

import static io.shipwatch.dora.webhook.WebhookParsersTest.fixture;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shipwatch.core.InputException;
import io.shipwatch.markers.DeploymentStatus;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class GitOpsWebhookParsersTest {

    @Test
    void argoCdSyncRunningThenDeployedIsOneDeploymentStartedThenSucceeded() {
        var running = argo("argocd/sync-running.json");
        assertThat(running.status()).isEqualTo(DeploymentStatus.STARTED);
        assertThat(running.finishedAt()).as("'<no value>' is a missing field").isNull();
        var deployed = argo("argocd/deployed.json");
        assertThat(deployed).isEqualTo(new WebhookEvent.DeploymentUpdate("argocd",
                "checkout@c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3@2026-11-12T10:00:00Z", "https://github.com/acme/shop",
                "checkout", "production", "c3c3c3c", "c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3",
                DeploymentStatus.SUCCEEDED, Instant.parse("2026-11-12T10:00:00Z"), Instant.parse("2026-11-12T10:03:00Z"),
                "https://argocd.example.com/applications/checkout"));
        assertThat(running.externalId()).isEqualTo(deployed.externalId());
    }

    @Test
    void argoCdSyncFailedOrHealthDegradedFails() {
        var failed = argo("argocd/sync-failed.json");
        assertThat(failed.status()).isEqualTo(DeploymentStatus.FAILED);
        assertThat(failed.environment()).as("the template's environment wins").isEqualTo("staging");
        var degraded = argo("argocd/health-degraded.json");
        assertThat(degraded.status()).isEqualTo(DeploymentStatus.FAILED);
        assertThat(degraded.externalId()).isEqualTo(argo("argocd/deployed.json").externalId());
    }

    @Test
    void argoCdBadTimeNamesTheField() {
        assertThatThrownBy(() -> ArgoCdWebhookParser.parse(fixture("argocd/bad-startedAt.json"), "production"))
                .isInstanceOf(InputException.class)
                .hasMessageStartingWith("startedAt: '12 Nov 2026' is not a time;");
    }

    @Test
    void fluxHelmReleaseProgressingThenUpgradeSucceeded() {
        var started = flux("flux/helmrelease-progressing.json");
        assertThat(started.status()).isEqualTo(DeploymentStatus.STARTED);
        var done = flux("flux/helmrelease-upgrade-succeeded.json");
        assertThat(done).isEqualTo(new WebhookEvent.DeploymentUpdate("flux", "HelmRelease/apps/search@2.4.1", null,
                "search", "prod-eu", "2.4.1", null, DeploymentStatus.SUCCEEDED, Instant.parse("2026-11-14T08:02:00Z"),
                Instant.parse("2026-11-14T08:02:00Z"), null));
        assertThat(started.externalId()).isEqualTo(done.externalId());
    }

    @Test
    void fluxKustomizationHealthCheckFailedFailsTheRevision() {
        var failed = flux("flux/kustomization-health-check-failed.json");
        assertThat(failed.status()).isEqualTo(DeploymentStatus.FAILED);
        assertThat(failed.service()).isEqualTo("checkout");
        assertThat(failed.environment()).as("from the URL when the event names none").isEqualTo("production");
        assertThat(failed.version()).isEqualTo("main@e5e5e5e");
        assertThat(failed.sha()).isEqualTo("e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5");
    }

    @Test
    void fluxSourceEventsAreNotDeployments() {
        assertThat(FluxWebhookParser.parse(fixture("flux/gitrepository-artifact.json"), "production")).containsExactly(
                new WebhookEvent.Ignored("GitRepository/flux-system/flux-system: a source object fetches, it does not deploy"));
        assertThatThrownBy(() -> FluxWebhookParser.parse(fixture("flux/without-name.json"), "production"))
                .isInstanceOf(InputException.class)
                .hasMessage("involvedObject.name: is missing; send the Event the Flux notification-controller posts, unchanged");
    }

    @Test
    void revisionsBecomeVersionAndCommit() {
        assertThat(GitOpsRevision.of("main/731f7eaddfb6af01cb2173e18f0f75b0ba780ef1"))
                .isEqualTo(new GitOpsRevision("main@731f7ea", "731f7eaddfb6af01cb2173e18f0f75b0ba780ef1"));
        assertThat(GitOpsRevision.of("sha1:731f7eaddfb6af01cb2173e18f0f75b0ba780ef1").version()).isEqualTo("731f7ea");
        assertThat(GitOpsRevision.of("6.0.1+0d1d9e6b9a")).isEqualTo(new GitOpsRevision("6.0.1+0d1d9e6b9a", null));
    }

    private static WebhookEvent.DeploymentUpdate argo(String file) {
        return (WebhookEvent.DeploymentUpdate) ArgoCdWebhookParser.parse(fixture(file), "production").get(0);
    }

    private static WebhookEvent.DeploymentUpdate flux(String file) {
        return (WebhookEvent.DeploymentUpdate) FluxWebhookParser.parse(fixture(file), "production").get(0);
    }
}
