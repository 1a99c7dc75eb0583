package io.shipwatch.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * A real HTTP server on a free loopback port that answers every request with one canned response (a recorded answer
 * of the backend under test) and records each request, so a client test can assert what was sent.
 *
 * <pre>{@code
 * try (ReplayServer server = ReplayServer.start()) {
 *     server.answer(200, "application/json", ReplayServer.resource("providers/prometheus/matrix.json"));
 *     ... call server.url("/prefix") ...
 *     assertThat(server.lastRequest().form()).containsEntry("step", "60");
 * }
 * }</pre>
 */
public final class ReplayServer implements AutoCloseable {

    /** One request as the server received it. Header names are lower case. */
    public record Request(String method, String path, String rawQuery, Map<String, String> headers, String body) {

        /** The form fields of a url-encoded POST body, or of the query string of a GET. */
        public Map<String, String> form() {
            return decodeForm(method.equals("POST") ? body : rawQuery);
        }

        public String header(String name) {
            return headers.get(name.toLowerCase(java.util.Locale.ROOT));
        }
    }

    private record Answer(int status, String contentType, String body, Map<String, String> headers) {
    }

    private final HttpServer server;
    private final List<Request> requests = new ArrayList<>();
    private final CountDownLatch closed = new CountDownLatch(1);
    private volatile Answer answer = new Answer(500, "text/plain", "no answer configured", Map.of());
    private volatile boolean stalled;

    private ReplayServer(HttpServer server) {
        this.server = server;
    }

    public static ReplayServer start() {
        try {
            HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            ReplayServer replay = new ReplayServer(http);
            http.createContext("/", replay::handle);
            http.start();
            return replay;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start a local HTTP server", e);
        }
    }

    /** Reads a test resource (a recorded response) as UTF-8 text. */
    public static String resource(String name) {
        try (InputStream in = ReplayServer.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Answers every following request with this status, content type and body. */
    public void answer(int status, String contentType, String body) {
        answer(status, contentType, body, Map.of());
    }

    /** Answers every following request with this status, content type, body and extra response headers. */
    public void answer(int status, String contentType, String body, Map<String, String> headers) {
        this.answer = new Answer(status, contentType, body, Map.copyOf(headers));
        this.stalled = false;
    }

    /** Records every following request but answers none of them until {@link #close()}: a backend that hangs. */
    public void stall() {
        this.stalled = true;
    }

    /** The server's base URL followed by {@code path} (empty or starting with a slash). */
    public URI url(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    public synchronized List<Request> requests() {
        return List.copyOf(requests);
    }

    public synchronized Request lastRequest() {
        if (requests.isEmpty()) {
            throw new AssertionError("the server received no request");
        }
        return requests.get(requests.size() - 1);
    }

    @Override
    public void close() {
        closed.countDown();
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Map<String, String> headers = new LinkedHashMap<>();
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(java.util.Locale.ROOT),
                    String.join(",", v)));
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            URI uri = exchange.getRequestURI();
            synchronized (this) {
                requests.add(new Request(exchange.getRequestMethod(), uri.getRawPath(), uri.getRawQuery(), headers, body));
            }
            if (stalled) {
                awaitClose();
                return;
            }
            Answer a = answer;
            a.headers().forEach(exchange.getResponseHeaders()::set);
            byte[] bytes = a.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", a.contentType());
            exchange.sendResponseHeaders(a.status(), bytes.length == 0 ? -1 : bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    private void awaitClose() {
        try {
            closed.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Map<String, String> decodeForm(String encoded) {
        Map<String, String> form = new LinkedHashMap<>();
        if (encoded == null || encoded.isEmpty()) {
            return form;
        }
        for (String pair : encoded.split("&")) {
            int eq = pair.indexOf('=');
            String key = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            form.put(URLDecoder.decode(key, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8));
        }
        return form;
    }
}
