package io.shipwatch.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.shipwatch.json.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * A real HTTP server on a free loopback port that records every request and answers with scripted replies, for
 * testing clients of other services without mocks. It can be stopped and started again on the same port, to test
 * what a client does while the other side is down.
 *
 * <p>Which reply a request gets, first match wins: the next one queued for its path ({@link #enqueue(String, int,
 * String)}), the next one queued for any path ({@link #enqueue(int, String)}), the standing reply for its path
 * ({@link #respond}), the default ({@link #respondByDefault}, initially 200 with an empty body). Paths match exactly,
 * without the query. Every request is recorded, whatever it is answered.
 */
public final class RecordingHttpServer implements AutoCloseable {

    /** A request as received; header names are case-insensitive, the body is the raw text. */
    public record Request(String method, String path, String query, Map<String, List<String>> headers, String body) {

        /** The first value of a header, or null. */
        public String header(String name) {
            List<String> values = headers.get(name);
            return values == null || values.isEmpty() ? null : values.get(0);
        }

        /** The body parsed as JSON. */
        public JsonNode json() {
            try {
                return Json.mapper().readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException("request body of " + method + " " + path + " is not JSON: " + body, e);
            }
        }
    }

    /** A scripted reply; a non-empty body goes out as application/json unless headers say otherwise. */
    public record Reply(int status, String body, Map<String, String> headers) {
        public Reply {
            body = body == null ? "" : body;
            headers = headers == null ? Map.of() : Map.copyOf(headers);
        }

        public static Reply of(int status, String body) {
            return new Reply(status, body, Map.of());
        }
    }

    private final Object lock = new Object();
    private final List<Request> requests = new ArrayList<>();
    private final Deque<Reply> sequence = new ArrayDeque<>();
    private final Map<String, Deque<Reply>> queuedByPath = new HashMap<>();
    private final Map<String, Function<Request, Reply>> standingByPath = new HashMap<>();
    private Reply defaultReply = Reply.of(200, "");
    private final int port;
    private HttpServer server;

    private RecordingHttpServer(HttpServer server) {
        this.server = server;
        this.port = server.getAddress().getPort();
    }

    /** Starts a server on a free port of 127.0.0.1. */
    public static RecordingHttpServer start() {
        HttpServer server = bind(0);
        RecordingHttpServer recording = new RecordingHttpServer(server);
        recording.serve(server);
        return recording;
    }

    public int port() {
        return port;
    }

    /** {@code http://127.0.0.1:<port>}, with no trailing slash. */
    public URI baseUri() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /** The base URI with {@code path} (starting with '/') appended. */
    public URI uri(String path) {
        return URI.create(baseUri() + path);
    }

    /** Answers the next request to {@code path} (any method) once with this reply. */
    public RecordingHttpServer enqueue(String path, int status, String body) {
        synchronized (lock) {
            queuedByPath.computeIfAbsent(path, p -> new ArrayDeque<>()).add(Reply.of(status, body));
        }
        return this;
    }

    /** Answers the next request to any path once with this reply, in the order enqueued. */
    public RecordingHttpServer enqueue(int status, String body) {
        synchronized (lock) {
            sequence.add(Reply.of(status, body));
        }
        return this;
    }

    /**
     * Answers every request to {@code path} with this reply, unless a queued one comes first. {@code path} may start
     * with a method ({@code "GET /api/annotations"}) to answer only that method; such a reply wins over a plain one.
     */
    public RecordingHttpServer respond(String path, int status, String body) {
        return respond(path, request -> Reply.of(status, body));
    }

    /** Answers every request to {@code path} with what {@code replier} makes of it (an id counter, an echo). */
    public RecordingHttpServer respond(String path, Function<Request, Reply> replier) {
        synchronized (lock) {
            standingByPath.put(path, replier);
        }
        return this;
    }

    /** Answers requests nothing else is scripted for. */
    public RecordingHttpServer respondByDefault(int status, String body) {
        synchronized (lock) {
            defaultReply = Reply.of(status, body);
        }
        return this;
    }

    /** Every request received so far, oldest first. */
    public List<Request> requests() {
        synchronized (lock) {
            return List.copyOf(requests);
        }
    }

    /** The only request received so far; fails when there were none or several. */
    public Request onlyRequest() {
        List<Request> all = requests();
        if (all.size() != 1) {
            throw new AssertionError("expected exactly one request, got " + all.size() + ": " + summary(all));
        }
        return all.get(0);
    }

    /** Waits until at least {@code count} requests arrived (for clients on other threads); fails after {@code timeout}. */
    public List<Request> awaitRequests(int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lock) {
            while (requests.size() < count) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("expected " + count + " requests within " + timeout + ", got "
                            + requests.size() + ": " + summary(requests));
                }
                lock.wait(Math.max(1, left / 1_000_000));
            }
            return List.copyOf(requests);
        }
    }

    /** Forgets the recorded requests (scripted replies stay). */
    public void clearRequests() {
        synchronized (lock) {
            requests.clear();
        }
    }

    /** Stops listening: connections are refused until {@link #restart()}. Recorded requests and scripts are kept. */
    public void stop() {
        HttpServer running;
        synchronized (lock) {
            running = server;
            server = null;
        }
        // outside the lock: stop() waits for the dispatcher thread, which may be waiting for the lock in replyTo
        if (running != null) {
            running.stop(0);
        }
    }

    /** Listens again on the same port after {@link #stop()}. */
    public void restart() {
        HttpServer fresh;
        synchronized (lock) {
            if (server != null) {
                throw new IllegalStateException("server on port " + port + " is already running");
            }
            fresh = bind(port);
            server = fresh;
        }
        serve(fresh);
    }

    public boolean isRunning() {
        synchronized (lock) {
            return server != null;
        }
    }

    @Override
    public void close() {
        stop();
    }

    private static HttpServer bind(int port) {
        try {
            return HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on 127.0.0.1:" + port, e);
        }
    }

    private void serve(HttpServer server) {
        server.createContext("/", this::handle);
        server.start();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try {
            Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(name, List.copyOf(values)));
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            URI uri = exchange.getRequestURI();
            Request request = new Request(exchange.getRequestMethod(), uri.getPath(), uri.getRawQuery(),
                    Collections.unmodifiableMap(headers), body);
            Reply reply = replyTo(request);
            byte[] out = reply.body().getBytes(StandardCharsets.UTF_8);
            if (out.length > 0 && !reply.headers().containsKey("Content-Type")) {
                exchange.getResponseHeaders().add("Content-Type", "application/json");
            }
            reply.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
            exchange.sendResponseHeaders(reply.status(), out.length == 0 ? -1 : out.length);
            if (out.length > 0) {
                try (OutputStream os = exchange.getResponseBody()) {
                    os.write(out);
                }
            }
        } finally {
            exchange.close();
        }
    }

    private Reply replyTo(Request request) {
        Function<Request, Reply> standing;
        synchronized (lock) {
            requests.add(request);
            lock.notifyAll();
            Deque<Reply> queued = queuedByPath.get(request.path());
            if (queued != null && !queued.isEmpty()) {
                return queued.poll();
            }
            if (!sequence.isEmpty()) {
                return sequence.poll();
            }
            // "GET /path" answers only that method; "/path" answers any
            standing = standingByPath.getOrDefault(request.method() + " " + request.path(),
                    standingByPath.get(request.path()));
            if (standing == null) {
                return defaultReply;
            }
        }
        return standing.apply(request);
    }

    private static String summary(List<Request> requests) {
        List<String> lines = new ArrayList<>();
        for (Request r : requests) {
            lines.add(r.method() + " " + r.path());
        }
        return lines.toString();
    }
}
