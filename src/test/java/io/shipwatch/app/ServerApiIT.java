package io.shipwatch.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.JsonNode;
import io.shipwatch.core.InputException;
import io.shipwatch.testing.Http;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The server's HTTP API end to end: a real server on a free port over a real SQLite file. */
class ServerApiIT {
    @TempDir
    Path dir;

    private ShipwatchServer server;
    private String base;

    private void start(Config config, Map<String, String> env) {
        ServerSettings settings = ServerSettings.resolve(0, null, "jdbc:sqlite:" + dir.resolve("api.db"), config, env);
        server = new ShipwatchServer(settings, Clock.systemUTC());
        base = "http://127.0.0.1:" + server.start();
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void recordedMarkerIsListedAndCountedInMetrics() {
        start(Config.empty(), Map.of());
        Http.Response created = Http.post(base + "/api/v1/deployments",
                "{\"service\":\"checkout\",\"environment\":\"production\",\"version\":\"2.1.0\"}");
        assertThat(created.status()).isEqualTo(201);
        String id = created.json().get("id").asText();

        JsonNode list = Http.get(base + "/api/v1/deployments?service=checkout").json();
        assertThat(list.get("items")).hasSize(1);
        assertThat(list.get("items").get(0).get("id").asText()).isEqualTo(id);
        assertThat(list.get("items").get(0).get("status").asText()).isEqualTo("succeeded");
        assertThat(list.has("next")).isTrue();
        assertThat(list.get("next").isNull()).isTrue();

        String metrics = Http.get(base + "/metrics").body();
        assertThat(metrics).contains(
                "shipwatch_deployments_total{environment=\"production\",service=\"checkout\",status=\"succeeded\"} 1");
        assertThat(metrics).contains("shipwatch_deployment_last_timestamp_seconds{environment=\"production\",service=\"checkout\"}");
    }

    @Test
    void sameIdempotencyKeyTwiceGivesOneRecord() {
        start(Config.empty(), Map.of());
        String body = "{\"service\":\"checkout\",\"environment\":\"production\",\"version\":\"2.1.0\",\"idempotencyKey\":\"run-7\"}";
        Http.Response first = Http.post(base + "/api/v1/deployments", body);
        Http.Response second = Http.post(base + "/api/v1/deployments", body);
        assertThat(first.status()).isEqualTo(201);
        assertThat(second.status()).isEqualTo(200);
        assertThat(second.json().get("id")).isEqualTo(first.json().get("id"));
        assertThat(Http.get(base + "/api/v1/deployments").json().get("items")).hasSize(1);
    }

    @Test
    void startThenFinishMovesTheMarker() {
        start(Config.empty(), Map.of());
        String id = Http.post(base + "/api/v1/deployments", "{\"service\":\"checkout\",\"environment\":\"production\","
                + "\"version\":\"2.1.0\",\"status\":\"started\",\"startedAt\":\"2026-11-26T14:00:00Z\"}").json().get("id").asText();
        Http.Response finished = Http.patch(base + "/api/v1/deployments/" + id,
                "{\"status\":\"succeeded\",\"finishedAt\":\"2026-11-26T14:03:30+00:00\"}");
        assertThat(finished.status()).isEqualTo(200);
        assertThat(finished.json().get("finishedAt").asText()).isEqualTo("2026-11-26T14:03:30Z");
        Http.Response rolledBack = Http.patch(base + "/api/v1/deployments/" + id, "{\"status\":\"rolled_back\"}");
        assertThat(rolledBack.json().get("status").asText()).isEqualTo("rolled_back");
        assertThat(rolledBack.json().get("finishedAt").asText()).isEqualTo("2026-11-26T14:03:30Z");
        Http.Response moved = Http.patch(base + "/api/v1/deployments/" + id, "{\"finishedAt\":\"2026-11-26T15:00:00Z\"}");
        assertThat(moved.status()).isEqualTo(409);
        assertThat(moved.json().get("errors").get(0).get("field").asText()).isEqualTo("finishedAt");
        Http.Response back = Http.patch(base + "/api/v1/deployments/" + id, "{\"status\":\"started\"}");
        assertThat(back.status()).isEqualTo(409);
        assertThat(back.json().get("errors").get(0).get("field").asText()).isEqualTo("status");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "malformed JSON      | {\"service\":\"checkout\",                                                   | body:1:",
        "missing field       | {\"service\":\"checkout\",\"environment\":\"production\"}                     | version",
        "unknown status      | {\"service\":\"a\",\"environment\":\"b\",\"version\":\"1\",\"status\":\"done\"}  | status",
        "unparseable time    | {\"service\":\"a\",\"environment\":\"b\",\"version\":\"1\",\"startedAt\":\"noon\"} | startedAt",
        "wrong type          | {\"service\":\"a\",\"environment\":\"b\",\"version\":1.5,\"tags\":[1]}          | tags",
        "unknown field       | {\"service\":\"a\",\"enviroment\":\"b\",\"version\":\"1\"}                      | enviroment",
        "not an object       | [1,2]                                                                      | body",
    })
    void badInputIsA400ProblemNamingTheField(String name, String body, String field) {
        start(Config.empty(), Map.of());
        Http.Response r = Http.post(base + "/api/v1/deployments", body);
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.contentType()).startsWith("application/problem+json");
        JsonNode problem = r.json();
        assertThat(problem.get("status").asInt()).isEqualTo(400);
        assertThat(problem.get("errors")).anySatisfy(e -> assertThat(e.get("field").asText()).startsWith(field));
        assertThat(r.body()).doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(Http.get(base + "/api/v1/deployments").json().get("items")).isEmpty();
    }

    @Test
    void badQueryParametersAre400s() {
        start(Config.empty(), Map.of());
        for (String q : List.of("limit=0", "limit=abc", "from=yesterday", "cursor=not-a-cursor!", "from=2026-11-26T10:00:00Z&to=2026-11-25T10:00:00Z")) {
            Http.Response r = Http.get(base + "/api/v1/deployments?" + q);
            assertThat(r.status()).as(q).isEqualTo(400);
            assertThat(r.contentType()).as(q).startsWith("application/problem+json");
        }
    }

    @Test
    void oversizedBodyIsRefusedWithAProblem() {
        start(Config.empty(), Map.of());
        String big = "{\"service\":\"a\",\"environment\":\"b\",\"version\":\"1\",\"description\":\"" + "x".repeat(2_000_000) + "\"}";
        Http.Response r = Http.post(base + "/api/v1/deployments", big);
        assertThat(r.status()).isEqualTo(413);
        assertThat(r.contentType()).startsWith("application/problem+json");
    }

    @Test
    void servicesAndTheirGraphsAreServed() {
        start(Config.empty(), Map.of());
        Http.post(base + "/api/v1/deployments", "{\"service\":\"checkout\",\"environment\":\"production\",\"version\":\"1\"}");
        Http.post(base + "/api/v1/deployments", "{\"service\":\"checkout\",\"environment\":\"production\",\"version\":\"2\"}");
        JsonNode services = Http.get(base + "/api/v1/services").json().get("items");
        assertThat(services).hasSize(1);
        assertThat(services.get(0).get("latest").get("version").asText()).isEqualTo("2");

        JsonNode graphs = Http.get(base + "/api/v1/services/checkout/metrics?from=2026-11-26T08:00:00Z&to=2026-11-26T14:00:00Z").json();
        assertThat(graphs.get("provider").asText()).isEqualTo("demo");
        assertThat(graphs.get("panels")).extracting(p -> p.get("id").asText())
                .containsExactly("request_rate", "error_ratio", "latency_p95");
        JsonNode points = graphs.get("panels").get(0).get("series").get(0).get("points");
        assertThat(points.size()).isBetween(120, 260); // 240 points or fewer: the step is rounded up to a round size
        assertThat(points.get(0).get(0).asLong()).isGreaterThanOrEqualTo(1795680000L);

        Http.Response bad = Http.get(base + "/api/v1/services/checkout/metrics?from=2026-11-26T14:00:00Z&to=2026-11-26T08:00:00Z");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("errors").get(0).get("field").asText()).isEqualTo("from");
    }

    @Test
    void unknownDeploymentIs404() {
        start(Config.empty(), Map.of());
        Http.Response r = Http.get(base + "/api/v1/deployments/nope");
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.json().get("detail").asText()).contains("no deployment 'nope'");
    }

    @Test
    void tokensGuardTheApiByScope() {
        Config config = new Config(null, null, List.of(new Config.TokenSection("grafana", "read-token-0123456789", "read")),
                null, null);
        start(config, Map.of("SHIPWATCH_TOKEN", "write-token-0123456789"));
        String body = "{\"service\":\"a\",\"environment\":\"b\",\"version\":\"1\"}";
        assertThat(Http.post(base + "/api/v1/deployments", body).status()).isEqualTo(401);
        assertThat(Http.post(base + "/api/v1/deployments", body, "Authorization", "Bearer wrong").status()).isEqualTo(401);
        Http.Response readOnly = Http.post(base + "/api/v1/deployments", body, "Authorization", "Bearer read-token-0123456789");
        assertThat(readOnly.status()).isEqualTo(403);
        assertThat(readOnly.json().get("detail").asText()).contains("scope write");
        assertThat(Http.post(base + "/api/v1/deployments", body, "Authorization", "Bearer write-token-0123456789").status())
                .isEqualTo(201);
        assertThat(Http.get(base + "/api/v1/deployments", "Authorization", "Bearer read-token-0123456789").status())
                .isEqualTo(200);
        assertThat(Http.get(base + "/healthz").status()).isEqualTo(200);
        assertThat(Http.get(base + "/readyz").status()).isEqualTo(200);
    }

    @Test
    void noTokenMeansLoopbackOnly() {
        assertThatThrownBy(() -> ServerSettings.resolve(0, "0.0.0.0", null, Config.empty(), Map.of()))
                .isInstanceOf(InputException.class)
                .hasMessage("--bind: '0.0.0.0' would expose a server that accepts requests without a token; set "
                        + "SHIPWATCH_TOKEN or tokens: in the config file, or bind to 127.0.0.1");
        assertThat(ServerSettings.resolve(0, "0.0.0.0", null, Config.empty(), Map.of("SHIPWATCH_TOKEN", "x".repeat(20)))
                .bind()).isEqualTo("0.0.0.0");
    }

    @Test
    void aShortShipwatchTokenIsRefusedAsAShortConfigTokenIs() {
        assertThatThrownBy(() -> ServerSettings.resolve(0, null, null, Config.empty(), Map.of("SHIPWATCH_TOKEN", "abc")))
                .isInstanceOf(InputException.class)
                .hasMessage("SHIPWATCH_TOKEN: is shorter than 16 characters; generate one with: openssl rand -hex 32");
        // before the check, the command went on to serve on 0.0.0.0 and never returned
        CliRun run = assertTimeoutPreemptively(java.time.Duration.ofSeconds(60), () -> CliRun.of(
                Map.of("SHIPWATCH_TOKEN", "abc"), "server", "--port", "0", "--db", "jdbc:sqlite:" + dir.resolve("t.db")));
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err().strip()).doesNotContain("\n").contains("SHIPWATCH_TOKEN").contains("16 characters");
    }

    @Test
    void theLogSaysWhereTheServerIsBound() {
        assertThat(ServerCommand.listening("0.0.0.0", 8080))
                .isEqualTo("listening on 0.0.0.0:8080 (all interfaces; locally http://127.0.0.1:8080)");
        assertThat(ServerCommand.listening("127.0.0.1", 8080)).isEqualTo("listening on http://127.0.0.1:8080");
        assertThat(ServerCommand.listening("::1", 8080)).isEqualTo("listening on http://[::1]:8080");
    }
}
