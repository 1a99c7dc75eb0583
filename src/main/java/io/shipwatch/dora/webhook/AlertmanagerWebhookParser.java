package io.shipwatch.dora.webhook;

import io.shipwatch.core.InputException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Prometheus Alertmanager's webhook (payload version 4): one incident per alert, identified by its fingerprint and
 * start, opened at {@code startsAt} and resolved by the resolved notification at {@code endsAt}. The service comes
 * from the label {@code service} (else {@code app}, else {@code job}); the environment from {@code environment}
 * (else {@code env}, else production).
 */
public final class AlertmanagerWebhookParser {
    private static final String HINT = "send Alertmanager's webhook payload (version 4) unchanged";
    // Alertmanager's "no end yet" is Go's zero time
    private static final Instant ZERO_TIME = Instant.parse("0001-01-01T00:00:00Z");

    private AlertmanagerWebhookParser() {
    }

    public static List<WebhookEvent> parse(com.fasterxml.jackson.databind.JsonNode body) {
        Payload p = new Payload(body, HINT);
        String version = p.text("version");
        if (!"4".equals(version)) {
            throw new InputException("version", "payload version '" + version + "' is not supported", "use version 4");
        }
        List<WebhookEvent> events = new ArrayList<>();
        for (Payload alert : p.items("alerts")) {
            String status = alert.text("status");
            String service = firstLabel(alert, "service", "app", "job");
            if (!status.equals("firing") && !status.equals("resolved")) {
                throw new InputException("alerts[" + events.size() + "].status", "unknown status '" + status + "'",
                        "use firing or resolved");
            }
            Instant startsAt = alert.time("startsAt");
            Instant endsAt = alert.optionalTime("endsAt");
            String fingerprint = alert.text("fingerprint");
            if (service == null) {
                events.add(new WebhookEvent.Ignored("alert " + fingerprint + " has no service, app or job label"));
                continue;
            }
            String environment = firstLabel(alert, "environment", "env");
            String title = alert.optionalText("annotations.summary");
            events.add(new WebhookEvent.IncidentUpdate("alertmanager", fingerprint + "@" + startsAt, service,
                    environment == null ? "production" : environment,
                    title != null ? title : alert.text("labels.alertname"), alert.optionalText("labels.severity"),
                    startsAt, status.equals("resolved") && endsAt != null && !endsAt.equals(ZERO_TIME) ? endsAt : null));
        }
        return events;
    }

    private static String firstLabel(Payload alert, String... names) {
        for (String name : names) {
            String v = alert.optionalText("labels." + name);
            if (v != null && !v.isBlank()) {
                return v;
            }
        }
        return null;
    }
}
