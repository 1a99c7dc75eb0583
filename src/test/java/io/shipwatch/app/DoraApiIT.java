package io.shipwatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.shipwatch.testing.DoraScenarios;
import io.shipwatch.testing.Http;
import io.shipwatch.testing.ScenarioLoader;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The DORA scenario table through the HTTP API of a real server on a real SQLite file. */
class DoraApiIT {
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-01T00:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    private ShipwatchServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    /** A server configured for the scenario; returns its base URL. */
    static String start(ShipwatchServer[] holder, Path dir, JsonNode scenario, ScenarioLoader loader) {
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
        holder[0] = new ShipwatchServer(settings, CLOCK, MetricsProviders.graphs(config.metrics()),
                List.of(loader.failures()));
        return "http://127.0.0.1:" + holder[0].start();
    }

    static Stream<DoraScenarios.Scenario> scenarios() {
        return DoraScenarios.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void scenarioThroughTheApi(DoraScenarios.Scenario scenario) {
        ScenarioLoader loader = new ScenarioLoader();
        ShipwatchServer[] holder = new ShipwatchServer[1];
        String base = start(holder, dir, scenario.json(), loader);
        server = holder[0];
        Map<String, String> ids = loader.load(base, scenario.json());

        JsonNode window = scenario.json().get("window");
        Http.Response r = Http.get(base + "/api/v1/dora?from=" + window.get("from").asText() + "&to="
                + window.get("to").asText());
        assertThat(r.status()).isEqualTo(200);
        JsonNode body = r.json();
        assertThat(DoraScenarios.figures(body)).isEqualTo(scenario.expectedMetrics());
        assertThat(body.get("levelsFrom").asText()).isEqualTo("DORA 2023");
        assertThat(body.get("window").get("from").asText()).isEqualTo(window.get("from").asText());

        Map<String, List<String>> failed = new TreeMap<>();
        body.get("failedDeployments").forEach(f -> {
            List<String> kinds = new ArrayList<>();
            f.get("reasons").forEach(reason -> kinds.add(reason.get("kind").asText()));
            failed.put(f.get("deploymentId").asText(), kinds);
        });
        Map<String, List<String>> expected = new TreeMap<>();
        scenario.json().get("expected").get("failed").fields().forEachRemaining(e -> {
            List<String> kinds = new ArrayList<>();
            e.getValue().forEach(k -> kinds.add(k.asText()));
            expected.put(ids.get(e.getKey()), kinds);
        });
        assertThat(failed).isEqualTo(expected);
    }

    @Test
    void filtersByServiceTeamAndEnvironment() {
        String base = firstScenario();
        Http.post(base + "/api/v1/deployments", "{\"service\":\"search\",\"environment\":\"production\",\"version\":\"1\","
                + "\"finishedAt\":\"2026-11-10T10:00:00Z\",\"startedAt\":\"2026-11-10T09:00:00Z\",\"tags\":{\"team\":\"discovery\"}}");
        String window = "&from=2026-11-02T00:00:00Z&to=2026-11-30T00:00:00Z";

        assertThat(count(base, "service=checkout" + window)).isEqualTo(3);
        assertThat(count(base, "service=search" + window)).isEqualTo(1);
        assertThat(count(base, "team=discovery" + window)).isEqualTo(1);
        assertThat(count(base, "team=nobody" + window)).isZero();
        assertThat(count(base, window.substring(1))).isEqualTo(4);
        assertThat(count(base, "environment=prod" + window)).isZero();

        Http.Response staging = Http.get(base + "/api/v1/dora?environment=staging");
        assertThat(staging.status()).isEqualTo(400);
        assertThat(staging.json().get("detail").asText()).isEqualTo("environment: 'staging' is not a production "
                + "environment; DORA counts production only; configured: prod, production (dora.productionEnvironments)");
    }

    @Test
    void defaultWindowIsTheLast30DaysAndWeeksAreListed() {
        String base = firstScenario();
        JsonNode body = Http.get(base + "/api/v1/dora").json();
        assertThat(body.get("window").get("from").asText()).isEqualTo("2026-11-01T00:00:00Z");
        assertThat(body.get("window").get("to").asText()).isEqualTo("2026-12-01T00:00:00Z");
        assertThat(body.get("weeks")).hasSize(6); // Oct 26 … Nov 30: the ISO weeks the window touches
        assertThat(body.get("weeks").get(1).get("weekStart").asText()).isEqualTo("2026-11-02");
        assertThat(body.get("weeks").get(1).get("deploymentFrequency").get("deployments").asInt()).isEqualTo(3);
        assertThat(body.get("slowestChanges").get(0).get("sha").asText()).isEqualTo("c3");
        assertThat(body.get("slowestChanges").get(0).get("leadHours").asDouble()).isEqualTo(27.0);
    }

    private String firstScenario() {
        ScenarioLoader loader = new ScenarioLoader();
        JsonNode scenario = DoraScenarios.all().get(0).json();
        ShipwatchServer[] holder = new ShipwatchServer[1];
        String base = start(holder, dir, scenario, loader);
        server = holder[0];
        loader.load(base, scenario);
        return base;
    }

    private static int count(String base, String query) {
        return Http.get(base + "/api/v1/dora?" + query).json().get("deploymentFrequency").get("deployments").asInt();
    }
}
