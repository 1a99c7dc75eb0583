package io.shipwatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.shipwatch.testing.Http;
import io.shipwatch.testing.RecordingHttpServer;
import io.shipwatch.testing.TestDatabases;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two servers on one PostgreSQL database, as behind a load balancer: both read what either wrote, and the webhook
 * sink gets every marker exactly once, even when it is down for a while.
 */
class SharedDatabaseIT {
    private String url;
    private RecordingHttpServer sink;
    private ShipwatchServer one;
    private ShipwatchServer two;

    @BeforeEach
    void startTwoServers() {
        url = TestDatabases.freshPostgresSchema();
        sink = RecordingHttpServer.start();
        sink.respondByDefault(202, "{}");
        Config config = new Config(null, null, null, new Config.SinksSection(null, null,
                List.of(new Config.WebhookSection("audit", sink.uri("/hook").toString(), Map.of(), "s3cret"))), null);
        one = new ShipwatchServer(ServerSettings.resolve(0, null, url, config, Map.of()), Clock.systemUTC());
        two = new ShipwatchServer(ServerSettings.resolve(0, null, url, config, Map.of()), Clock.systemUTC());
        one.start();
        two.start();
    }

    @AfterEach
    void stopAll() {
        one.close();
        two.close();
        sink.close();
        TestDatabases.dropSchemaOf(url);
    }

    @Test
    void markerWrittenThroughOneIsReadThroughTheOtherAndDeliveredOnce() throws Exception {
        String id = Http.post(base(one) + "/api/v1/deployments",
                "{\"service\":\"checkout\",\"environment\":\"production\",\"version\":\"2.1.0\"}").json().get("id").asText();

        JsonNode viaTwo = Http.get(base(two) + "/api/v1/deployments?service=checkout").json();
        assertThat(viaTwo.get("items")).extracting(n -> n.get("id").asText()).containsExactly(id);
        assertThat(Http.get(base(two) + "/metrics").body())
                .contains("shipwatch_deployments_total{environment=\"production\",service=\"checkout\",status=\"succeeded\"} 1");

        sink.awaitRequests(1, Duration.ofSeconds(10));
        waitUntilDelivered(two, id);
        Thread.sleep(2500); // both workers poll every second: give a duplicate every chance to show up
        assertThat(sink.requests()).hasSize(1);
        assertThat(sink.requests().get(0).json().get("deployment").get("id").asText()).isEqualTo(id);
    }

    @Test
    void manyMarkersThroughBothServersAreEachDeliveredExactlyOnce() throws Exception {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 20; i++) {
            ShipwatchServer via = i % 2 == 0 ? one : two;
            ids.add(Http.post(base(via) + "/api/v1/deployments", "{\"service\":\"svc" + (i % 3)
                    + "\",\"environment\":\"production\",\"version\":\"1." + i + "\"}").json().get("id").asText());
        }
        sink.awaitRequests(20, Duration.ofSeconds(30));
        Thread.sleep(2500);
        List<String> delivered = sink.requests().stream()
                .map(r -> r.json().get("deployment").get("id").asText()).toList();
        assertThat(delivered).hasSize(20);
        assertThat(new HashSet<>(delivered)).isEqualTo(ids);
    }

    @Test
    void sinkThatIsDownDelaysDeliveryButLosesAndDuplicatesNothing() throws Exception {
        sink.stop();
        String started = Http.post(base(one) + "/api/v1/deployments", "{\"service\":\"checkout\",\"environment\":"
                + "\"production\",\"version\":\"2.2.0\",\"status\":\"started\"}").json().get("id").asText();
        Http.patch(base(two) + "/api/v1/deployments/" + started, "{\"status\":\"succeeded\"}");
        String other = Http.post(base(two) + "/api/v1/deployments", "{\"service\":\"search\",\"environment\":"
                + "\"production\",\"version\":\"7.0.0\"}").json().get("id").asText();

        Instant deadline = Instant.now().plusSeconds(10);
        JsonNode state;
        do {
            Thread.sleep(200);
            state = Http.get(base(one) + "/api/v1/deployments/" + other).json().get("deliveries").get(0);
        } while (state.get("attempts").asInt() < 1 && Instant.now().isBefore(deadline));
        assertThat(state.get("state").asText()).isEqualTo("retrying");
        assertThat(state.get("lastError").asText()).contains("webhook:audit");

        sink.restart();
        waitUntilDelivered(one, started);
        waitUntilDelivered(one, other);
        Thread.sleep(2500);
        Map<String, List<String>> events = sink.requests().stream().collect(Collectors.groupingBy(
                r -> r.json().get("deployment").get("id").asText(),
                Collectors.mapping(r -> r.json().get("event").asText(), Collectors.toList())));
        assertThat(events.get(other)).containsExactly("deployment.succeeded");
        // the start and the finish may collapse into one delivery of the latest state, never arrive twice
        assertThat(events.get(started)).last().isEqualTo("deployment.succeeded");
        assertThat(events.get(started)).doesNotHaveDuplicates();
        assertThat(sink.requests().stream().map(r -> r.header("Idempotency-Key")).toList()).doesNotHaveDuplicates();
    }

    private static void waitUntilDelivered(ShipwatchServer server, String id) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(40); // backoff after a few refused attempts can reach ~16 s
        while (Instant.now().isBefore(deadline)) {
            JsonNode d = Http.get(base(server) + "/api/v1/deployments/" + id).json().get("deliveries").get(0);
            if (d.get("state").asText().equals("delivered")) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("deployment " + id + " was not delivered within 40 s");
    }

    private static String base(ShipwatchServer server) {
        return "http://127.0.0.1:" + server.port();
    }
}
