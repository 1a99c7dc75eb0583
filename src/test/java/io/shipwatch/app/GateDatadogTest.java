package io.shipwatch.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.shipwatch.json.Json;
import io.shipwatch.testing.ReplayServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A gate on Datadog: the spec's provider, keys from the environment, answers replayed by a local server. */
class GateDatadogTest {
    @TempDir
    Path dir;


    private CliRun evaluate(Path spec, Map<String, String> env) {
        return CliRun.of(env, "gate", "evaluate", "--spec", spec.toString(), "--start", "2026-11-26T14:00:00Z",
                "--end", "2026-11-26T14:05:00Z", "--output", "json");
    }

    @Test
    void gateOnDatadogPassesWithKeysFromTheEnvironment() throws Exception {
        try (ReplayServer datadog = ReplayServer.start()) {
            datadog.answer(200, "application/json", ReplayServer.resource("providers/datadog/query-ok.json"));
            Path spec = dir.resolve("gate.yaml");
            Files.writeString(spec, """
                    provider: {type: datadog, url: %s}
                    step: 1m
                    objectives:
                      - name: error_rate
                        query: 'sum:trace.http.request.errors{service:checkout,version:2.1.0}.as_rate()'
                        pass: ["< 0.02"]
                    """.formatted(datadog.url("").toString().replaceAll("/$", "")));
            CliRun run = evaluate(spec, Map.of("DD_API_KEY", "api-key-0123456789", "DD_APP_KEY", "app-key-0123456789"));
            assertThat(run.exit()).as(run.err()).isZero();
            JsonNode objective = Json.mapper().readTree(run.out()).get("objectives").get(0);
            assertThat(objective.get("samples").asInt()).isEqualTo(4);
            assertThat(objective.get("value").asDouble()).isCloseTo((0.012 + 0.011 + 0.014 + 0.009) / 4, within(1e-12));
            assertThat(datadog.lastRequest().header("DD-APPLICATION-KEY")).isEqualTo("app-key-0123456789");
        }
    }

    @Test
    void datadogWithoutKeysIsBadInputNamingTheLine() throws Exception {
        Path spec = dir.resolve("gate.yaml");
        Files.writeString(spec, "objectives: [{name: e, query: 'q', pass: ['< 1']}]\nprovider:\n  type: datadog\n");
        CliRun run = evaluate(spec, Map.of());
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).isEqualTo(spec + ":3: provider: datadog needs an API key and an application key; export "
                + "DD_API_KEY and DD_APP_KEY (or write apiKey: and applicationKey: in the spec)\n");
    }
}
