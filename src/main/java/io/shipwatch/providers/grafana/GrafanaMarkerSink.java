package io.shipwatch.providers.grafana;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import io.shipwatch.json.Json;
import io.shipwatch.markers.Deployment;
import io.shipwatch.markers.MarkerSink;
import io.shipwatch.markers.SinkException;
import io.shipwatch.providers.http.SinkHttp;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Draws deployments as Grafana annotations through its HTTP API: creates one on the first delivery, then updates
 * it in place (a region from start to finish once the deployment ends); the annotation id is the external ref.
 */
public final class GrafanaMarkerSink implements MarkerSink {
    /** Tags each annotation with its deployment, so a create whose answer was lost can be found again. */
    static final String DEPLOYMENT_TAG = "deployment_id:";

    private final GrafanaSinkConfig config;
    private final SinkHttp http;

    /** {@code client} should come from {@link SinkHttp#newClient()} (5 s connect timeout). */
    public GrafanaMarkerSink(GrafanaSinkConfig config, HttpClient client) {
        this.config = config;
        this.http = new SinkHttp(name(), client, Set.of(config.token()));
    }

    @Override
    public String name() {
        return "grafana";
    }

    @Override
    public String deliver(Deployment deployment, String externalRef, String deliveryKey) throws SinkException {
        String body = Json.write(annotation(deployment));
        // refs are the ids this sink returned; anything else cannot name an annotation, so draw a new one
        if (externalRef != null && externalRef.matches("\\d{1,18}")) {
            // PUT replaces time, timeEnd, text and tags, as Grafana's "Update Annotation" documents
            HttpRequest update = request("/api/annotations/" + externalRef).PUT(HttpRequest.BodyPublishers.ofString(body)).build();
            SinkHttp.Reply reply = http.exchange(update);
            if (reply.isSuccess()) {
                return externalRef;
            }
            if (reply.status() != 404) {
                throw http.refused(update, reply);
            }
            // 404: someone deleted the annotation in Grafana; the deployment still deserves one
        } else {
            // A create whose answer was lost (a crash, a timeout) left an annotation behind: update it, never draw two.
            String existing = existingAnnotation(deployment);
            if (existing != null) {
                return deliver(deployment, existing, deliveryKey);
            }
        }
        HttpRequest create = request("/api/annotations").POST(HttpRequest.BodyPublishers.ofString(body)).build();
        SinkHttp.Reply reply = http.send(create);
        String id = annotationId(reply.body());
        if (id == null) {
            throw http.unexpected(create, reply, "without an annotation id");
        }
        return id;
    }

    /** The id of the annotation already drawn for this deployment (found by its deployment_id tag), or null. */
    private String existingAnnotation(Deployment d) throws SinkException {
        String tag = java.net.URLEncoder.encode(DEPLOYMENT_TAG + d.id(), java.nio.charset.StandardCharsets.UTF_8);
        HttpRequest find = request("/api/annotations?type=annotation&limit=1&tags=" + tag).GET().build();
        SinkHttp.Reply reply = http.send(find);
        try {
            JsonNode found = Json.mapper().readTree(reply.body());
            if (found != null && found.isArray() && !found.isEmpty() && found.get(0).path("id").canConvertToLong()) {
                return found.get(0).get("id").asText();
            }
        } catch (IOException e) {
            throw http.unexpected(find, reply, "that is not a JSON list of annotations");
        }
        return null;
    }

    private HttpRequest.Builder request(String path) {
        URI uri = SinkHttp.endpoint(config.url(), path);
        return http.jsonRequest(uri).header("Authorization", "Bearer " + config.token());
    }

    /** The body of a create or update; Grafana ignores dashboardUID on update, so one shape serves both. */
    record Annotation(
            long time,
            Long timeEnd,
            List<String> tags,
            String text,
            @JsonProperty("dashboardUID") String dashboardUid) {
    }

    private Annotation annotation(Deployment d) {
        Instant start = d.startedAt() != null ? d.startedAt() : d.markerTime();
        long time = start.toEpochMilli();
        Long timeEnd = d.finishedAt() != null && d.finishedAt().toEpochMilli() != time ? d.finishedAt().toEpochMilli() : null;
        return new Annotation(time, timeEnd, tags(d), text(d), config.dashboardUid());
    }

    private List<String> tags(Deployment d) {
        List<String> tags = new ArrayList<>();
        tags.add("deployment");
        addTag(tags, "service", d.service());
        addTag(tags, "environment", d.environment());
        addTag(tags, "version", d.version());
        addTag(tags, "status", d.status().wireName());
        tags.add(DEPLOYMENT_TAG + d.id());
        tags.addAll(config.extraTags());
        return tags;
    }

    private static void addTag(List<String> tags, String key, String value) {
        if (value != null && !value.isBlank()) {
            tags.add(key + ":" + value);
        }
    }

    /** Grafana renders annotation text as sanitised HTML: values are escaped, lines joined with br, the run linked. */
    private static String text(Deployment d) {
        List<String> lines = new ArrayList<>();
        lines.add(escape(d.service() + (d.version() == null ? "" : " " + d.version()) + " → " + d.environment()
                + " (" + d.status().wireName() + ")"));
        String commit = d.commitSha() == null ? null : "commit " + shortSha(d.commitSha());
        String actor = d.actor() == null ? null : "by " + d.actor();
        if (commit != null || actor != null) {
            lines.add(escape(String.join(" ", nonNull(commit, actor))));
        }
        if (d.pipelineRunUrl() != null) {
            String label = d.pipelineRunId() == null ? "pipeline run" : "pipeline run " + d.pipelineRunId();
            lines.add("<a href=\"" + escape(d.pipelineRunUrl()) + "\">" + escape(label) + "</a>");
        } else if (d.pipelineRunId() != null) {
            lines.add(escape("pipeline run " + d.pipelineRunId()));
        }
        if (d.description() != null && !d.description().isBlank()) {
            lines.add(escape(d.description()));
        }
        return String.join("<br>", lines);
    }

    private static List<String> nonNull(String... parts) {
        List<String> list = new ArrayList<>();
        for (String p : parts) {
            if (p != null) {
                list.add(p);
            }
        }
        return list;
    }

    private static String shortSha(String sha) {
        return sha.length() > 7 ? sha.substring(0, 7) : sha;
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static String annotationId(String body) {
        try {
            JsonNode json = Json.mapper().readTree(body);
            return json != null && json.path("id").canConvertToLong() ? json.get("id").asText() : null;
        } catch (IOException e) {
            return null;
        }
    }
}
