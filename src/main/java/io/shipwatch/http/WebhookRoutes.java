package io.shipwatch.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRoutingApi;
import io.shipwatch.dora.webhook.AlertmanagerWebhookParser;
import io.shipwatch.dora.webhook.ArgoCdWebhookParser;
import io.shipwatch.dora.webhook.FluxWebhookParser;
import io.shipwatch.dora.webhook.GitHubWebhookParser;
import io.shipwatch.dora.webhook.GitLabWebhookParser;
import io.shipwatch.dora.webhook.PagerDutyWebhookParser;
import io.shipwatch.dora.webhook.WebhookEvent;
import io.shipwatch.dora.webhook.WebhookIngest;
import io.shipwatch.dora.webhook.WebhookSignatures;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /hooks/github|gitlab|alertmanager|pagerduty|argocd|flux}: outside {@code /api}, since providers authenticate with
 * their own signature or token rather than a Shipwatch token. A provider is served only when its secret is configured.
 * A bad signature is 401 and a malformed payload 400, both before anything is stored.
 */
public final class WebhookRoutes implements ApiServer.RouteGroup {
    /** The configured secrets; null for a provider that is not set up. */
    public record Secrets(String github, String gitlab, String alertmanager, String pagerduty, String argocd,
                          String flux) {
        @Override
        public String toString() {
            return "Secrets[***]";
        }
    }

    private final WebhookIngest ingest;
    private final Secrets secrets;

    public WebhookRoutes(WebhookIngest ingest, Secrets secrets) {
        this.ingest = ingest;
        this.secrets = secrets;
    }

    @Override
    public void register(JavalinDefaultRoutingApi routes) {
        if (secrets.github() != null) {
            routes.post("/hooks/github", this::github);
        }
        if (secrets.gitlab() != null) {
            routes.post("/hooks/gitlab", this::gitlab);
        }
        if (secrets.alertmanager() != null) {
            routes.post("/hooks/alertmanager", this::alertmanager);
        }
        if (secrets.pagerduty() != null) {
            routes.post("/hooks/pagerduty", this::pagerduty);
        }
        if (secrets.argocd() != null) {
            routes.post("/hooks/argocd", this::argocd);
        }
        if (secrets.flux() != null) {
            routes.post("/hooks/flux", this::flux);
        }
    }

    private void github(Context ctx) {
        byte[] body = ctx.bodyAsBytes();
        if (!WebhookSignatures.gitHubValid(secrets.github(), body, ctx.header("X-Hub-Signature-256"))) {
            throw unauthorized(ctx, "X-Hub-Signature-256 does not match the body signed with the configured secret; "
                    + "check webhooks.github.secret");
        }
        String event = ctx.header("X-GitHub-Event");
        List<WebhookEvent> events = GitHubWebhookParser.parse(event, ApiServer.body(ctx));
        answer(ctx, ingest.apply("github", deliveryId(ctx.header("X-GitHub-Delivery"), body), event, events));
    }

    private void gitlab(Context ctx) {
        byte[] body = ctx.bodyAsBytes();
        if (!WebhookSignatures.tokenValid(secrets.gitlab(), ctx.header("X-Gitlab-Token"))) {
            throw unauthorized(ctx, "X-Gitlab-Token is not the configured token; check webhooks.gitlab.secret");
        }
        String event = ctx.header("X-Gitlab-Event");
        List<WebhookEvent> events = GitLabWebhookParser.parse(event, ApiServer.body(ctx));
        answer(ctx, ingest.apply("gitlab", deliveryId(ctx.header("X-Gitlab-Event-UUID"), body), event, events));
    }

    private void alertmanager(Context ctx) {
        byte[] body = ctx.bodyAsBytes();
        if (!WebhookSignatures.tokenValid(secrets.alertmanager(), ctx.header("Authorization"))) {
            throw unauthorized(ctx, "send the configured token as 'Authorization: Bearer <token>' "
                    + "(http_config.authorization in Alertmanager); check webhooks.alertmanager.secret");
        }
        List<WebhookEvent> events = AlertmanagerWebhookParser.parse(ApiServer.body(ctx));
        // Alertmanager sends no delivery id: the same notification sent again has the same body
        answer(ctx, ingest.apply("alertmanager", WebhookSignatures.sha256Hex(body), "alert", events));
    }

    private void pagerduty(Context ctx) {
        byte[] body = ctx.bodyAsBytes();
        if (!WebhookSignatures.pagerDutyValid(secrets.pagerduty(), body, ctx.header("X-PagerDuty-Signature"))) {
            throw unauthorized(ctx, "X-PagerDuty-Signature does not match the body signed with the configured secret; "
                    + "check webhooks.pagerduty.secret");
        }
        JsonNode json = ApiServer.body(ctx);
        List<WebhookEvent> events = PagerDutyWebhookParser.parse(json);
        answer(ctx, ingest.apply("pagerduty", PagerDutyWebhookParser.deliveryId(json), "incident", events));
    }

    private void argocd(Context ctx) {
        byte[] body = ctx.bodyAsBytes();
        if (!WebhookSignatures.tokenValid(secrets.argocd(), ctx.header("Authorization"))) {
            throw unauthorized(ctx, "send the configured token as 'Authorization: Bearer <token>' (headers of the "
                    + "webhook service in argocd-notifications-cm); check webhooks.argocd.secret");
        }
        List<WebhookEvent> events = ArgoCdWebhookParser.parse(ApiServer.body(ctx), environment(ctx));
        // Argo CD sends no delivery id: the same notification sent again has the same body
        answer(ctx, ingest.apply("argocd", WebhookSignatures.sha256Hex(body), "notification", events));
    }

    private void flux(Context ctx) {
        byte[] body = ctx.bodyAsBytes();
        String signature = ctx.header("X-Signature");
        boolean valid = signature != null ? WebhookSignatures.gitHubValid(secrets.flux(), body, signature)
                : WebhookSignatures.tokenValid(secrets.flux(), ctx.header("Authorization"));
        if (!valid) {
            throw unauthorized(ctx, "X-Signature must be sha256=<HMAC-SHA256 of the body> (provider generic-hmac) or "
                    + "'Authorization: Bearer <token>' be sent (provider generic with headers), with the configured "
                    + "secret as the token; check webhooks.flux.secret");
        }
        List<WebhookEvent> events = FluxWebhookParser.parse(ApiServer.body(ctx), environment(ctx));
        answer(ctx, ingest.apply("flux", WebhookSignatures.sha256Hex(body), "event", events));
    }

    /** The environment a GitOps notification is about when it names none: {@code ?environment=}, else production. */
    private static String environment(Context ctx) {
        String env = ctx.queryParam("environment");
        return env == null || env.isBlank() ? "production" : env.trim();
    }

    private static String deliveryId(String header, byte[] body) {
        return header != null && !header.isBlank() ? header.trim() : WebhookSignatures.sha256Hex(body);
    }

    private static void answer(Context ctx, WebhookIngest.Outcome outcome) {
        ctx.status(outcome.duplicate() ? 200 : 202).json(Map.of("duplicate", outcome.duplicate(),
                "applied", outcome.applied(), "ignored", outcome.ignored()));
    }

    private static ProblemResponse unauthorized(Context ctx, String detail) {
        return new ProblemResponse(Problem.of(401, "Unauthorized", detail, ctx.path()));
    }
}
