package io.shipwatch.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RecordingHttpServerTest {
    private final HttpClient client = HttpClient.newHttpClient();
    private final RecordingHttpServer server = RecordingHttpServer.start();

    @AfterEach
    void stopServer() {
        server.close();
    }

    private HttpResponse<String> post(String path, String body) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(server.uri(path))
                .header("X-Test", "yes")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void recordsMethodPathQueryHeadersAndBody() throws Exception {
        post("/a/b?x=1", "{\"k\":\"v\"}");

        RecordingHttpServer.Request request = server.onlyRequest();
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/a/b");
        assertThat(request.query()).isEqualTo("x=1");
        assertThat(request.header("x-test")).isEqualTo("yes");
        assertThat(request.body()).isEqualTo("{\"k\":\"v\"}");
        assertThat(request.json().get("k").asText()).isEqualTo("v");
    }

    @Test
    void answersQueuedForPathThenQueuedInSequenceThenStandingThenDefault() throws Exception {
        server.respondByDefault(418, "default")
                .respond("/p", 200, "standing")
                .enqueue(201, "first in sequence")
                .enqueue("/p", 202, "queued for /p");

        List<String> answers = List.of(
                answer(post("/p", "")), answer(post("/p", "")), answer(post("/p", "")), answer(post("/other", "")));

        assertThat(answers).containsExactly("202 queued for /p", "201 first in sequence", "200 standing", "418 default");
    }

    @Test
    void standingReplierSeesTheRequest() throws Exception {
        AtomicInteger ids = new AtomicInteger(100);
        server.respond("/ids", r -> RecordingHttpServer.Reply.of(200, "{\"id\":" + ids.incrementAndGet() + "}"));

        assertThat(post("/ids", "").body()).isEqualTo("{\"id\":101}");
        assertThat(post("/ids", "").body()).isEqualTo("{\"id\":102}");
    }

    @Test
    void refusesConnectionsWhileStoppedAndServesAgainOnTheSamePort() throws Exception {
        int port = server.port();
        post("/before", "1");

        server.stop();
        assertThat(server.isRunning()).isFalse();
        // a fresh client, so a pooled connection to the old listener cannot stand in for a new one
        HttpRequest during = HttpRequest.newBuilder(server.uri("/during")).GET().build();
        assertThatThrownBy(() -> HttpClient.newHttpClient().send(during, HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(ConnectException.class);

        server.restart();
        assertThat(server.port()).isEqualTo(port);
        assertThat(post("/after", "3").statusCode()).isEqualTo(200);
        assertThat(server.requests()).extracting(RecordingHttpServer.Request::path).containsExactly("/before", "/after");
    }

    @Test
    void awaitsRequestsMadeOnAnotherThread() throws Exception {
        CompletableFuture.runAsync(() -> {
            try {
                post("/async", "x");
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });

        assertThat(server.awaitRequests(1, Duration.ofSeconds(30))).extracting(RecordingHttpServer.Request::path)
                .containsExactly("/async");
    }

    private static String answer(HttpResponse<String> response) {
        return response.statusCode() + " " + response.body();
    }
}
