package io.shipwatch.providers.http;

import io.shipwatch.pipeline.JsonSource;
import io.shipwatch.providers.ProviderException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * GETs a JSON document from a CI provider's REST API for the importers. A failure is a {@link ProviderException}
 * naming the path and status, with the API's own message and a hint; 5xx, 429 and network errors are retryable.
 */
public final class JsonGet {
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NORMAL).build();
    private final String service;

    /** {@code service} names the API in messages, e.g. "GitHub API". */
    public JsonGet(String service) {
        this.service = service;
    }

    /** The answer with its headers; {@code hint} adds advice for a refused status (may return ""). */
    public Answer get(URI uri, Map<String, String> headers, IntFunction<String> hint) throws ProviderException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30));
        headers.forEach(request::header);
        HttpResponse<byte[]> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new ProviderException("cannot reach the " + service + " at " + uri.getScheme() + "://"
                    + uri.getAuthority() + ": " + e.getMessage(), true, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProviderException("interrupted while calling the " + service, true, e);
        }
        int status = response.statusCode();
        if (status != 200) {
            String body = new String(response.body(), StandardCharsets.UTF_8);
            String message = body.replaceAll("(?s).*\"(?:message|error)\"\\s*:\\s*\"([^\"]*)\".*", "$1");
            throw new ProviderException(service + " " + uri.getRawPath() + " answered " + status
                    + (message.equals(body) || message.isBlank() ? "" : ": " + message) + hint.apply(status),
                    status >= 500 || status == 429);
        }
        try {
            return new Answer(JsonSource.parse(uri.toString(), response.body()), response.headers().map());
        } catch (io.shipwatch.core.InputException e) {
            throw new ProviderException(service + " " + uri.getRawPath() + " answered 200 with a body that is not "
                    + "usable JSON (" + e.getMessage() + "); is the API URL right?", false, e);
        }
    }

    /** A parsed answer and its response headers (names lower case). */
    public record Answer(JsonSource json, Map<String, java.util.List<String>> headers) {
    }
}
