package io.shipwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ApiClientTest {
    private RecordingServer server;

    @BeforeEach
    void startServer() throws IOException {
        server = RecordingServer.start();
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    private ApiClient client() {
        return new ApiClient(URI.create(server.url() + "/"), null);
    }

    @Test
    void getReturnsTheJsonAnswer() throws ApiException {
        server.answerWith(200, "application/json", "{\"id\": \"dep-1\", \"status\": \"started\"}");

        assertThat(client().get("/api/v1/deployments/dep-1").path("status").asText()).isEqualTo("started");
        assertThat(server.requests().get(0).path()).isEqualTo("/api/v1/deployments/dep-1");
    }

    @Test
    void problemWithoutDetailListsItsFieldErrors() {
        server.answerWith(422, "application/problem+json", """
                {"title": "Unprocessable Content", "status": 422, "errors": [
                  {"field": "service", "message": "must not be empty"},
                  {"field": "startedAt", "message": "'yesterday' is not an RFC 3339 time"}]}
                """);

        assertThatThrownBy(() -> client().post("/api/v1/deployments", Map.of("service", "")))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCode.REFUSED))
                .hasMessage("server " + server.url() + " refused: 422 Unprocessable Content: service: must not be empty"
                        + " / startedAt: 'yesterday' is not an RFC 3339 time");
    }

    @Test
    void successThatIsNotJsonIsRefused() {
        server.answerWith(200, "text/html", "<html>router login</html>");

        assertThatThrownBy(() -> client().get("/api/v1/deployments/x"))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCode.REFUSED))
                .hasMessage("server " + server.url() + " answered 200 with something that is not JSON: "
                        + "'<html>router login</html>'; is --server a Shipwatch server?");
    }

    @Test
    void longServerTextIsCutToOneShortLine() {
        server.answerWith(500, "text/plain", "x\n".repeat(400));

        assertThatThrownBy(() -> client().get("/api/v1/deployments/x"))
                .hasMessageStartingWith("server " + server.url() + " refused: 500 Internal Server Error: x x x")
                .hasMessageEndingWith("x x...")
                .hasMessageNotContaining("\n");
    }

    @Test
    void noAnswerInTimeIsUnreachable() {
        server.holdAnswers();
        ApiClient client = new ApiClient(URI.create(server.url()), null, Duration.ofSeconds(5), Duration.ofMillis(300));

        assertThatThrownBy(() -> client.get("/api/v1/deployments/x"))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCode.UNREACHABLE))
                .hasMessage("cannot reach server " + server.url() + ": no answer within 300ms; "
                        + "is 'shipwatch server' running, and is --server (or SHIPWATCH_SERVER) right?");
    }

    @Test
    void unknownHostIsUnreachable() {
        ApiClient client = new ApiClient(URI.create("http://no-such-host.invalid:8080"), null);

        assertThatThrownBy(() -> client.get("/api/v1/deployments/x"))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCode.UNREACHABLE))
                .hasMessage("cannot reach server http://no-such-host.invalid:8080: unknown host 'no-such-host.invalid'; "
                        + "is 'shipwatch server' running, and is --server (or SHIPWATCH_SERVER) right?");
    }
}
