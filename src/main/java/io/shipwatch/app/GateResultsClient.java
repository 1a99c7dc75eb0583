package io.shipwatch.app;

import com.fasterxml.jackson.databind.JsonNode;
import io.shipwatch.cli.ApiClient;
import io.shipwatch.cli.ApiException;
import io.shipwatch.core.TimeWindow;
import io.shipwatch.gate.GateResult;
import io.shipwatch.gate.GateRun;
import io.shipwatch.gate.GateSpec;
import io.shipwatch.gate.GateVerdict;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code gate evaluate --server}: reads earlier results of the gate as baselines, and stores the new one. */
final class GateResultsClient {
    private final ApiClient client;

    GateResultsClient(ApiClient client) {
        this.client = client;
    }

    /** The gate's newest stored results for the spec's service and environment, newest first. */
    List<GateRun> previous(GateSpec spec) throws ApiException {
        StringBuilder path = new StringBuilder("/api/v1/gates/results?limit=" + ServerGates.HISTORY + "&gate=")
                .append(encode(spec.name()));
        if (spec.vars().get("service") != null) {
            path.append("&service=").append(encode(spec.vars().get("service")));
        }
        if (spec.vars().get("environment") != null) {
            path.append("&environment=").append(encode(spec.vars().get("environment")));
        }
        List<GateRun> runs = new ArrayList<>();
        for (JsonNode item : client.get(path.toString()).get("items")) {
            List<GateRun.Measured> objectives = new ArrayList<>();
            for (JsonNode o : item.get("objectives")) {
                JsonNode value = o.get("value");
                objectives.add(new GateRun.Measured(o.get("name").asText(), value == null || value.isNull() ? null
                        : value.asDouble(), text(o, "result"), o.path("samples").asInt()));
            }
            JsonNode score = item.get("score");
            runs.add(new GateRun(item.get("id").asText(), item.get("gate").asText(), text(item, "service"),
                    text(item, "environment"), text(item, "version"), text(item, "deploymentId"), GateResult.parse(item.get("result").asText()),
                    score == null || score.isNull() ? null : score.asDouble(),
                    new TimeWindow(Instant.parse(item.get("window").get("start").asText()),
                            Instant.parse(item.get("window").get("end").asText())),
                    Instant.parse(item.get("evaluatedAt").asText()), text(item, "reason"), objectives));
        }
        return runs;
    }

    /** Stores a verdict with the service, environment and version of the spec's variables; returns its id. */
    String save(GateVerdict verdict, String deploymentId) throws ApiException {
        Map<String, Object> body = new LinkedHashMap<>(verdict.toMap());
        body.put("service", verdict.vars().get("service"));
        body.put("environment", verdict.vars().get("environment"));
        body.put("version", verdict.vars().get("version"));
        body.put("deploymentId", deploymentId);
        body.values().removeIf(v -> v == null);
        return client.post("/api/v1/gates/results", body).get("id").asText();
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
