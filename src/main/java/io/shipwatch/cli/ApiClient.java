package io.shipwatch.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.shipwatch.json.Json;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Calls the Shipwatch JSON API ({@code /api/v1/...}) for the CLI commands. Every failure is an {@link ApiException}
 * with a one-line message naming the server and what to do; the token is sent, never shown.
 */
public final class ApiClient {
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    private static final String REACH_HINT = "is 'shipwatch server' running, and is --server (or SHIPWATCH_SERVER) right?";
    private static final int MAX_SHOWN = 300;
    private static final Map<Integer, String> REASONS = Map.ofEntries(
            Map.entry(200, "OK"), Map.entry(201, "Created"), Map.entry(301, "Moved Permanently"),
            Map.entry(302, "Found"), Map.entry(307, "Temporary Redirect"), Map.entry(308, "Permanent Redirect"),
            Map.entry(400, "Bad Request"), Map.entry(401, "Unauthorized"), Map.entry(403, "Forbidden"),
            Map.entry(404, "Not Found"), Map.entry(405, "Method Not Allowed"), Map.entry(409, "Conflict"),
            Map.entry(413, "Content Too Large"), Map.entry(415, "Unsupported Media Type"),
            Map.entry(422, "Unprocessable Content"), Map.entry(429, "Too Many Requests"),
            Map.entry(500, "Internal Server Error"), Map.entry(502, "Bad Gateway"),
            Map.entry(503, "Service Unavailable"), Map.entry(504, "Gateway Timeout"));

    private final URI base;
    private final String token;
    private final Duration connectTimeout;
    private final Duration requestTimeout;
    private final HttpClient http;

    /** A client for the server at {@code base} (http or https); {@code token} may be null. */
    public ApiClient(URI base, String token) {
        this(base, token, CONNECT_TIMEOUT, REQUEST_TIMEOUT);
    }

    ApiClient(URI base, String token, Duration connectTimeout, Duration requestTimeout) {
        if (base.getHost() == null || !("http".equals(base.getScheme()) || "https".equals(base.getScheme()))) {
            throw new IllegalArgumentException("not an http(s) URL: " + base);
        }
        String text = base.toString();
        this.base = URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
        this.token = token;
        this.connectTimeout = connectTimeout;
        this.requestTimeout = requestTimeout;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** The server's address as messages show it. */
    public String server() {
        return base.toString();
    }

    public JsonNode get(String path) throws ApiException {
        return send("GET", path, null);
    }

    public JsonNode post(String path, Object body) throws ApiException {
        return send("POST", path, body);
    }

    public JsonNode patch(String path, Object body) throws ApiException {
        return send("PATCH", path, body);
    }

    private JsonNode send(String method, String path, Object body) throws ApiException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(requestTimeout)
                .header("Accept", "application/json, application/problem+json")
                .method(method, body == null
                        ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(Json.write(body)));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new ApiException(ExitCode.UNREACHABLE, "cannot reach server " + base + ": " + why(e) + "; " + REACH_HINT, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException(ExitCode.UNREACHABLE, "interrupted while waiting for server " + base, e);
        }
        if (response.statusCode() / 100 != 2) {
            throw refused(response);
        }
        return json(response);
    }

    private String why(IOException e) {
        // HttpConnectTimeoutException extends HttpTimeoutException: test it first
        if (e instanceof HttpConnectTimeoutException) {
            return "no connection within " + shown(connectTimeout);
        }
        if (e instanceof HttpTimeoutException) {
            return "no answer within " + shown(requestTimeout);
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof UnresolvedAddressException || t instanceof UnknownHostException) {
                return "unknown host '" + base.getHost() + "'";
            }
        }
        if (e instanceof ConnectException) {
            return "connection refused";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : oneLine(e.getMessage());
    }

    private ApiException refused(HttpResponse<String> response) {
        int status = response.statusCode();
        String reason = REASONS.get(status);
        StringBuilder message = new StringBuilder("server ").append(base).append(" refused: ").append(status);
        if (reason != null) {
            message.append(' ').append(reason);
        }
        String detail = problemDetail(response.body(), reason);
        if (!detail.isEmpty()) {
            message.append(": ").append(detail);
        }
        if ((status == 401 || status == 403) && token == null) {
            message.append("; pass a token with --token or SHIPWATCH_TOKEN");
        }
        return new ApiException(ExitCode.REFUSED, message.toString());
    }

    /** The most useful text of an RFC 9457 problem: its detail, else its field errors, else its title, else the raw body. */
    private static String problemDetail(String body, String reason) {
        if (body == null || body.isBlank()) {
            return "";
        }
        JsonNode problem;
        try {
            problem = Json.mapper().readTree(body);
        } catch (JsonProcessingException e) {
            return oneLine(body);
        }
        if (!problem.isObject()) {
            return oneLine(body);
        }
        if (problem.path("detail").isTextual() && !problem.path("detail").asText().isBlank()) {
            return oneLine(problem.path("detail").asText());
        }
        List<String> errors = new ArrayList<>();
        for (JsonNode error : problem.path("errors")) {
            String field = error.path("field").asText("");
            String text = error.path("message").asText("");
            errors.add(field.isEmpty() ? text : field + ": " + text);
        }
        if (!errors.isEmpty()) {
            return oneLine(String.join(" / ", errors));
        }
        String title = problem.path("title").asText("");
        return title.equals(reason) ? "" : oneLine(title);
    }

    private JsonNode json(HttpResponse<String> response) throws ApiException {
        String body = response.body();
        if (body == null || body.isBlank()) {
            return MissingNode.getInstance();
        }
        try {
            return Json.mapper().readTree(body);
        } catch (JsonProcessingException e) {
            throw new ApiException(ExitCode.REFUSED, "server " + base + " answered " + response.statusCode()
                    + " with something that is not JSON: '" + oneLine(body) + "'; is --server a Shipwatch server?", e);
        }
    }

    /** Server text made safe for one terminal line: no control characters, at most {@value #MAX_SHOWN} characters. */
    static String oneLine(String text) {
        String flat = text.replaceAll("\\p{Cntrl}+", " ").replaceAll("\\s+", " ").trim();
        return flat.length() <= MAX_SHOWN ? flat : flat.substring(0, MAX_SHOWN).trim() + "...";
    }

    private static String shown(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
    }
}
