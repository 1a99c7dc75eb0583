package io.shipwatch.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.shipwatch.json.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A real HTTP server on a free loopback port that records each request and answers like the Shipwatch deployments
 * API: 201 with an id on POST, 200 on PATCH, or whatever {@link #answerWith} says.
 */
final class RecordingServer implements AutoCloseable {

    record Request(String method, String path, String authorization, String contentType, String body) {
        JsonNode json() throws IOException {
            return Json.mapper().readTree(body);
        }
    }

    private final HttpServer server;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final CountDownLatch release = new CountDownLatch(1);
    private volatile boolean hold;
    private volatile int status;
    private volatile String contentType;
    private volatile String body;

    private RecordingServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    static RecordingServer start() throws IOException {
        return new RecordingServer();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    List<Request> requests() {
        return List.copyOf(requests);
    }

    /** Every following request gets this answer instead of the API's usual one. */
    void answerWith(int status, String contentType, String body) {
        this.status = status;
        this.contentType = contentType;
        this.body = body;
    }

    /** Following requests get no answer until the server is closed. */
    void holdAnswers() {
        hold = true;
    }

    private void handle(HttpExchange exchange) throws IOException {
        String received = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Request request = new Request(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                exchange.getRequestHeaders().getFirst("Authorization"),
                exchange.getRequestHeaders().getFirst("Content-Type"), received);
        requests.add(request);
        if (hold) {
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (body != null) {
            send(exchange, status, contentType, body);
        } else if (request.method().equals("POST")) {
            ObjectNode deployment = ((ObjectNode) request.json()).put("id", "dep-1");
            send(exchange, 201, "application/json", Json.write(deployment));
        } else {
            String id = request.path().substring(request.path().lastIndexOf('/') + 1);
            ObjectNode deployment = ((ObjectNode) request.json()).put("id", id);
            send(exchange, 200, "application/json", Json.write(deployment));
        }
    }

    private static void send(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        release.countDown();
        server.stop(0);
    }
}
