package io.shipwatch.dora.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import io.shipwatch.core.InputException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Prometheus Alertmanager's webhook (payload version 4): one incident per alert, identified by its fingerprint and
 * start, opened at {@code startsAt} and resolved by the resolved notification at {@code endsAt}. The service comes
 * from the label {@code service} (else {@code app}, else {@code job}); the environment from {@code environment}
 * (else {@code env}, else production). Alertmanager before 0.19 sends no per-alert {@code fingerprint}: it is
 * computed from the alert's labels as Alertmanager computes it (prometheus/common's LabelSet.Fingerprint); an alert
 * without its own {@code status} takes the group's. Alertmanager never retries a 4xx, so whatever can be derived is.
 */
public final class AlertmanagerWebhookParser {
    private static final String HINT = "send Alertmanager's webhook payload (version 4) unchanged";
    // Alertmanager's "no end yet" is Go's zero time
    private static final Instant ZERO_TIME = Instant.parse("0001-01-01T00:00:00Z");
    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;
    private static final byte[] SEPARATOR = {(byte) 0xff};

    private AlertmanagerWebhookParser() {
    }

    public static List<WebhookEvent> parse(JsonNode body) {
        Payload p = new Payload(body, HINT);
        String version = p.text("version");
        if (!"4".equals(version)) {
            throw new InputException("version", "payload version '" + version + "' is not supported", "use version 4");
        }
        List<WebhookEvent> events = new ArrayList<>();
        String groupStatus = p.optionalText("status");
        for (Payload alert : p.items("alerts")) {
            String status = alert.optionalText("status");
            if (status == null) {
                status = groupStatus == null ? alert.text("status") : groupStatus;
            }
            String service = firstLabel(alert, "service", "app", "job");
            if (!status.equals("firing") && !status.equals("resolved")) {
                throw new InputException("alerts[" + events.size() + "].status", "unknown status '" + status + "'",
                        "use firing or resolved");
            }
            Instant startsAt = alert.time("startsAt");
            Instant endsAt = alert.optionalTime("endsAt");
            String fingerprint = alert.optionalText("fingerprint");
            if (fingerprint == null || fingerprint.isBlank()) {
                fingerprint = fingerprint(alert.node("labels"));
            }
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

    /**
     * Alertmanager's alert fingerprint: FNV-1a 64 over the labels sorted by name, each name and value followed by the
     * byte 0xff, as 16 hex digits (prometheus/common model/signature.go labelSetToFingerprint).
     */
    static String fingerprint(JsonNode labels) {
        TreeMap<String, String> sorted = new TreeMap<>();
        if (labels != null) {
            labels.fields().forEachRemaining(e -> sorted.put(e.getKey(), e.getValue().asText()));
        }
        long hash = FNV_OFFSET;
        for (Map.Entry<String, String> label : sorted.entrySet()) {
            hash = fnv(fnv(hash, label.getKey().getBytes(StandardCharsets.UTF_8)), SEPARATOR);
            hash = fnv(fnv(hash, label.getValue().getBytes(StandardCharsets.UTF_8)), SEPARATOR);
        }
        return String.format("%016x", hash);
    }

    private static long fnv(long hash, byte[] bytes) {
        for (byte b : bytes) {
            hash = (hash ^ (b & 0xff)) * FNV_PRIME;
        }
        return hash;
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
