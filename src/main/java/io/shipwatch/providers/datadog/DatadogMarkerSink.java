package io.shipwatch.providers.datadog;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import io.shipwatch.json.Json;
import io.shipwatch.markers.Deployment;
import io.shipwatch.markers.DeploymentStatus;
import io.shipwatch.markers.MarkerSink;
import io.shipwatch.markers.SinkException;
import io.shipwatch.providers.http.SinkHttp;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Posts deployments as Datadog events (Events API v1). Events cannot be changed once posted, so every revision of a
 * deployment is a new event under the same aggregation key, which Datadog groups together.
 */
public final class DatadogMarkerSink implements MarkerSink {
    private static final int MAX_TEXT_CHARS = 4000; // Datadog keeps only the first 4000 characters of an event's text

    private final DatadogSinkConfig config;
    private final SinkHttp http;

    /** {@code client} should come from {@link SinkHttp#newClient()} (5 s connect timeout). */
    public DatadogMarkerSink(DatadogSinkConfig config, HttpClient client) {
        this.config = config;
        this.http = new SinkHttp(name(), client, Set.of(config.apiKey()));
    }

    @Override
    public String name() {
        return "datadog";
    }

    /** Returns the id of the event just posted; {@code externalRef} is not needed, as nothing is updated. */
    @Override
    public String deliver(Deployment deployment, String externalRef, String deliveryKey) throws SinkException {
        HttpRequest request = http.jsonRequest(SinkHttp.endpoint(config.baseUrl(), "/api/v1/events"))
                .header("DD-API-KEY", config.apiKey())
                .POST(HttpRequest.BodyPublishers.ofString(Json.write(event(deployment))))
                .build();
        return eventId(http.send(request).body());
    }

    record Event(
            String title,
            String text,
            List<String> tags,
            @JsonProperty("aggregation_key") String aggregationKey,
            @JsonProperty("date_happened") Long dateHappened,
            @JsonProperty("alert_type") String alertType,
            @JsonProperty("source_type_name") String sourceTypeName) {
    }

    private Event event(Deployment d) {
        Long dateHappened = d.markerTime() == null ? null : d.markerTime().getEpochSecond();
        return new Event(title(d), text(d), tags(d), d.id(), dateHappened, alertType(d.status()), "shipwatch");
    }

    private static String title(Deployment d) {
        String what = d.service() + (d.version() == null ? "" : " " + d.version()) + " to " + d.environment();
        return switch (d.status()) {
            case STARTED -> "Deployment of " + what + " started";
            case SUCCEEDED -> "Deployed " + what;
            case FAILED -> "Deployment of " + what + " failed";
            case ROLLED_BACK -> "Deployment of " + what + " rolled back";
        };
    }

    private static String alertType(DeploymentStatus status) {
        return switch (status) {
            case STARTED -> "info";
            case SUCCEEDED -> "success";
            case FAILED -> "error";
            case ROLLED_BACK -> "warning";
        };
    }

    private List<String> tags(Deployment d) {
        List<String> tags = new ArrayList<>();
        addTag(tags, "service", d.service());
        addTag(tags, "env", d.environment());
        addTag(tags, "version", d.version());
        addTag(tags, "deployment_status", d.status().wireName());
        tags.add("source:shipwatch");
        tags.addAll(config.extraTags());
        return tags;
    }

    private static void addTag(List<String> tags, String key, String value) {
        if (value != null && !value.isBlank()) {
            tags.add(key + ":" + value);
        }
    }

    /** Markdown between %%% markers, which Datadog renders, so the pipeline run is a link. */
    private static String text(Deployment d) {
        List<String> lines = new ArrayList<>();
        lines.add(d.service() + (d.version() == null ? "" : " " + d.version()) + " → " + d.environment()
                + ": " + d.status().wireName());
        List<String> who = new ArrayList<>();
        if (d.commitSha() != null) {
            who.add("commit `" + (d.commitSha().length() > 7 ? d.commitSha().substring(0, 7) : d.commitSha()) + "`");
        }
        if (d.actor() != null) {
            who.add("by " + d.actor());
        }
        if (!who.isEmpty()) {
            lines.add(String.join(" ", who));
        }
        String run = d.pipelineRunId() == null ? "pipeline run" : "pipeline run " + d.pipelineRunId();
        if (d.pipelineRunUrl() != null) {
            lines.add("[" + run + "](" + d.pipelineRunUrl() + ")");
        } else if (d.pipelineRunId() != null) {
            lines.add(run);
        }
        if (d.description() != null && !d.description().isBlank()) {
            lines.add(d.description());
        }
        String text = "%%% \n" + String.join("\n", lines) + "\n %%%";
        return text.length() <= MAX_TEXT_CHARS ? text : text.substring(0, MAX_TEXT_CHARS - 6) + "\n %%%";
    }

    private static String eventId(String body) {
        try {
            JsonNode json = Json.mapper().readTree(body);
            JsonNode id = json == null ? null : json.path("event").path("id");
            return id == null || id.isMissingNode() || id.isNull() ? null : id.asText();
        } catch (IOException e) {
            return null; // delivered all the same: the 2xx is what counts, the id is only informative
        }
    }
}
