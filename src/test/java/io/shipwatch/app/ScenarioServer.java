package io.shipwatch.app;

import com.fasterxml.jackson.databind.JsonNode;
import io.shipwatch.testing.DoraScenarios;
import io.shipwatch.testing.ScenarioLoader;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/** For tests that run a DORA scenario on a real server over a real SQLite file: starts it, loads it, stops it. */
abstract class ScenarioServer {
    /** The servers' clock: the default 30-day window is November 2026. */
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-01T00:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    ShipwatchServer server;
    Map<String, String> ids;

    @AfterEach
    void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    static Stream<DoraScenarios.Scenario> scenarios() {
        return DoraScenarios.all().stream();
    }

    /** Starts a server configured for the scenario, records it there, and returns the base URL. */
    String load(JsonNode scenario) {
        List<String> production = null;
        if (scenario.has("productionEnvironments")) {
            production = new ArrayList<>();
            for (JsonNode e : scenario.get("productionEnvironments")) {
                production.add(e.asText());
            }
        }
        Config config = new Config(null, null, null, null, null, new Config.DoraSection(production, null, null),
                new Config.WebhooksSection(new Config.SecretSection(ScenarioLoader.GITHUB_SECRET), null, null, null));
        ServerSettings settings = ServerSettings.resolve(0, null, "jdbc:sqlite:" + dir.resolve("dora.db"), config, Map.of());
        ScenarioLoader loader = new ScenarioLoader();
        server = new ShipwatchServer(settings, CLOCK, MetricsProviders.graphs(config.metrics()), List.of(loader.failures()));
        String base = "http://127.0.0.1:" + server.start();
        ids = loader.load(base, scenario);
        return base;
    }

    String load(int index) {
        return load(DoraScenarios.all().get(index).json());
    }
}
