package io.shipwatch.providers.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.shipwatch.core.InputException;
import io.shipwatch.json.Json;
import io.shipwatch.markers.SinkException;
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
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

/**
 * HTTP plumbing shared by the marker sinks: timeouts, the User-Agent, and one rule for turning answers and failures
 * into {@link SinkException}s (2xx delivered; 408, 429, 5xx and no answer at all retryable; anything else not).
 * Messages are one line naming the sink and the URL, and never contain the sink's secrets.
 */
public final class SinkHttp {
    public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);
    private static final int EXCERPT_CHARS = 200;

    /** An answer from the receiver, whatever its status. */
    public record Reply(int status, String body) {
        public boolean isSuccess() {
            return status >= 200 && status <= 299;
        }
    }

    private final String sinkName;
    private final HttpClient client;
    private final List<String> secrets;

    /**
     * @param secrets strings that must never appear in a message (tokens, keys), even when the receiver echoes them
     */
    public SinkHttp(String sinkName, HttpClient client, Collection<String> secrets) {
        this.sinkName = Objects.requireNonNull(sinkName, "sinkName");
        this.client = Objects.requireNonNull(client, "client");
        this.secrets = secrets.stream().filter(s -> s != null && !s.isBlank()).toList();
    }

    /** The client the sinks are meant to share: 5 s to connect, redirects not followed (a moved API is a config error). */
    public static HttpClient newClient() {
        return HttpClient.newBuilder()
                .connectTimeout(CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** {@code shipwatch/<version>} from the jar's manifest, {@code shipwatch/dev} when run from classes. */
    public static String userAgent() {
        String version = SinkHttp.class.getPackage().getImplementationVersion();
        return "shipwatch/" + (version == null ? "dev" : version);
    }

    /** {@code base} with {@code path} appended, keeping any path prefix of base (Grafana served under /grafana). */
    public static URI endpoint(URI base, String path) {
        String text = base.toString();
        while (text.endsWith("/")) {
            text = text.substring(0, text.length() - 1);
        }
        return URI.create(text + path);
    }

    /** Checks a configured base URL at load: absolute, http or https, with a host; {@code example} shows a good one. */
    public static URI requireHttpUrl(URI url, String where, String example) {
        if (url == null) {
            throw new InputException(where, "is missing", "set it to a URL such as " + example);
        }
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || url.getHost() == null) {
            String shown = url.getHost() == null ? url.toString() : displayUrl(url);
            throw new InputException(where, "'" + shown + "' is not an http(s) URL with a host",
                    "use a URL such as " + example);
        }
        return url;
    }

    /** Checks a configured credential at load: present and not blank. */
    public static String requireSecret(String value, String where, String hint) {
        if (value == null || value.isBlank()) {
            throw new InputException(where, "is missing", hint);
        }
        return value;
    }

    /** A JSON request to {@code uri} with the shared timeout and User-Agent; the caller adds method and credentials. */
    public HttpRequest.Builder jsonRequest(URI uri) {
        return HttpRequest.newBuilder(uri)
                .timeout(REQUEST_TIMEOUT)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .header("User-Agent", userAgent());
    }

    /** Sends the request and returns a 2xx answer; any other answer, or none, is a {@link SinkException}. */
    public Reply send(HttpRequest request) throws SinkException {
        Reply reply = exchange(request);
        if (!reply.isSuccess()) {
            throw refused(request, reply);
        }
        return reply;
    }

    /** Sends the request and returns the answer whatever its status; getting none is a retryable failure. */
    public Reply exchange(HttpRequest request) throws SinkException {
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Reply(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new SinkException(line(request, "failed: " + describe(e, request.uri()) + "; will retry"), true, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SinkException(line(request, "was interrupted; will retry"), true, e);
        }
    }

    /** The failure for a non-2xx answer: retryable for 408, 429 and 5xx, as those say "not now" rather than "never". */
    public SinkException refused(HttpRequest request, Reply reply) {
        int status = reply.status();
        boolean retryable = status == 408 || status == 429 || (status >= 500 && status <= 599);
        String excerpt = excerpt(reply.body());
        String answered = "answered " + status + (excerpt.isEmpty() ? "" : ": \"" + excerpt + "\"");
        return new SinkException(line(request, answered + "; " + hint(status, retryable)), retryable);
    }

    /** A 2xx answer the sink cannot use (no id where one is promised): not retryable, the receiver is not what we expect. */
    public SinkException unexpected(HttpRequest request, Reply reply, String problem) {
        String excerpt = excerpt(reply.body());
        return new SinkException(line(request, "answered " + reply.status() + " " + problem
                + (excerpt.isEmpty() ? "" : ": \"" + excerpt + "\"") + "; check that the sink's url points at the API"), false);
    }

    private static String hint(int status, boolean retryable) {
        if (retryable) {
            return "will retry";
        }
        if (status == 401 || status == 403) {
            return "check the credentials configured for this sink";
        }
        if (status == 404 || (status >= 300 && status <= 399)) {
            return "check the sink's url";
        }
        return "not retrying";
    }

    private String line(HttpRequest request, String what) {
        return redact(sinkName + ": " + request.method() + " " + displayUrl(request.uri()) + " " + what);
    }

    private String redact(String text) {
        String result = text;
        for (String secret : secrets) {
            result = result.replace(secret, "***");
        }
        return result;
    }

    /** The URL without user info or query, either of which may carry credentials. */
    static String displayUrl(URI uri) {
        String port = uri.getPort() == -1 ? "" : ":" + uri.getPort();
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        return uri.getScheme() + "://" + uri.getHost() + port + path;
    }

    private static String describe(IOException e, URI uri) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof UnresolvedAddressException || t instanceof UnknownHostException) {
                return "unknown host '" + uri.getHost() + "'";
            }
        }
        if (e instanceof HttpConnectTimeoutException) {
            return "no connection within " + CONNECT_TIMEOUT.toSeconds() + " s";
        }
        if (e instanceof HttpTimeoutException) {
            return "no answer within " + REQUEST_TIMEOUT.toSeconds() + " s";
        }
        if (e instanceof ConnectException) {
            return "connection refused";
        }
        String message = e.getMessage() == null ? "" : ": " + oneLine(e.getMessage());
        return e.getClass().getSimpleName() + message;
    }

    /**
     * The part of an error body worth reading: Grafana's "message", Datadog's "errors", else the text itself; secrets
     * are hidden before it is cut short, so a cut can never leave part of one.
     */
    private String excerpt(String body) {
        if (body == null || body.isBlank()) {
            return "";
        }
        String text = body;
        try {
            JsonNode json = Json.mapper().readTree(body);
            if (json != null && json.hasNonNull("message") && json.get("message").isTextual()) {
                text = json.get("message").asText();
            } else if (json != null && json.has("errors") && json.get("errors").isArray()) {
                text = joinArray(json.get("errors"));
            } else if (json != null && json.hasNonNull("error") && json.get("error").isTextual()) {
                text = json.get("error").asText();
            }
        } catch (IOException e) {
            // not JSON (an HTML error page from a proxy): the raw text is the best excerpt there is
        }
        String single = oneLine(redact(text));
        return single.length() <= EXCERPT_CHARS ? single : single.substring(0, EXCERPT_CHARS) + "…";
    }

    private static String joinArray(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false)
                .map(n -> n.isTextual() ? n.asText() : n.toString())
                .collect(Collectors.joining("; "));
    }

    private static String oneLine(String text) {
        return text.replaceAll("\\s+", " ").replace('"', '\'').trim();
    }
}
