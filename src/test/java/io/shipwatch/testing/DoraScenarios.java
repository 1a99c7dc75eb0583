package io.shipwatch.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.shipwatch.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** The hand-worked DORA scenarios of {@code src/test/resources/dora/scenarios.json}, for the domain, API and CLI tests. */
public final class DoraScenarios {
    private DoraScenarios() {
    }

    /** One scenario: its name (the test's display name) and its JSON. */
    public record Scenario(String name, JsonNode json) {
        @Override
        public String toString() {
            return name;
        }

        /** The expected metrics in the API's shape: the scenario's {@code expected} without its {@code failed} list. */
        public ObjectNode expectedMetrics() {
            ObjectNode expected = json.get("expected").deepCopy();
            expected.remove("failed");
            return expected;
        }
    }

    public static List<Scenario> all() {
        try (InputStream in = DoraScenarios.class.getResourceAsStream("/dora/scenarios.json")) {
            JsonNode root = Json.mapper().readTree(in);
            List<Scenario> out = new ArrayList<>();
            root.get("scenarios").forEach(s -> out.add(new Scenario(s.get("name").asText(), s)));
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code metrics} with only the five figures (no window, no levelsFrom), to compare with {@link Scenario#expectedMetrics()}. */
    public static ObjectNode figures(JsonNode metrics) {
        ObjectNode out = Json.mapper().createObjectNode();
        for (String name : List.of("deploymentFrequency", "leadTimeForChanges", "changeFailureRate", "timeToRestore",
                "failedDeploymentRecoveryTime")) {
            out.set(name, metrics.get(name));
        }
        return out;
    }
}
