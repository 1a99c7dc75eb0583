package io.shipwatch.dora.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Locale;

/**
 * PagerDuty's v3 webhooks: {@code incident.triggered} opens an incident at {@code occurred_at} and
 * {@code incident.resolved} resolves the one with the same incident id. The service is PagerDuty's service name,
 * lower-cased with spaces as dashes; the environment is production.
 */
public final class PagerDutyWebhookParser {
    private static final String HINT = "send PagerDuty's v3 webhook payload unchanged";

    private PagerDutyWebhookParser() {
    }

    public static List<WebhookEvent> parse(JsonNode body) {
        Payload p = new Payload(body, HINT);
        String type = p.text("event.event_type");
        if (!type.equals("incident.triggered") && !type.equals("incident.resolved")) {
            return List.of(new WebhookEvent.Ignored("event " + type + " is not used"));
        }
        String service = p.text("event.data.service.summary").trim().toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9._:/@-]+", "-");
        var occurred = p.time("event.occurred_at");
        boolean resolved = type.equals("incident.resolved");
        // a resolution whose trigger was missed still has its start when PagerDuty sends created_at
        var opened = resolved ? p.optionalTime("event.data.created_at") : occurred;
        return List.of(new WebhookEvent.IncidentUpdate("pagerduty", p.text("event.data.id"), service, "production",
                p.text("event.data.title"), p.optionalText("event.data.urgency"), opened, resolved ? occurred : null));
    }

    /** The delivery id: the event's own id. */
    public static String deliveryId(JsonNode body) {
        return new Payload(body, HINT).text("event.id");
    }
}
