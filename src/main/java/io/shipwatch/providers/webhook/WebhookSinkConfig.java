package io.shipwatch.providers.webhook;

import io.shipwatch.core.InputException;
import io.shipwatch.providers.http.SinkHttp;
import java.net.URI;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A JSON webhook: its name (the sink is {@code webhook:<name>}), the URL to POST to, extra headers sent with every
 * request, and an optional secret to sign bodies with (null for unsigned).
 */
public record WebhookSinkConfig(String name, URI url, Map<String, String> headers, String secret) {
    // the sink sets these itself, and the JDK's HttpClient refuses the connection-level ones
    private static final Set<String> RESERVED = Set.of("content-type", "content-length", "host", "connection", "expect",
            "upgrade", "user-agent", "idempotency-key", "x-shipwatch-signature");
    private static final String TOKEN = "[!#$%&'*+.^_`|~0-9A-Za-z-]+"; // RFC 9110 field-name

    public WebhookSinkConfig {
        if (name == null || !name.matches("[A-Za-z0-9._-]+")) {
            throw new InputException("webhook.name", "'" + name + "' is not a webhook name",
                    "use letters, digits, '.', '_' and '-', such as alerts");
        }
        String where = "webhook." + name;
        SinkHttp.requireHttpUrl(url, where + ".url", "https://hooks.example.com/shipwatch");
        headers = headers == null ? Map.of() : checked(headers, where + ".headers");
        secret = secret == null || secret.isEmpty() ? null : secret;
    }

    private static Map<String, String> checked(Map<String, String> headers, String where) {
        Map<String, String> copy = new LinkedHashMap<>();
        for (Map.Entry<String, String> h : headers.entrySet()) {
            String key = h.getKey();
            if (key == null || !key.matches(TOKEN)) {
                throw new InputException(where, "'" + key + "' is not a header name", "use a name such as X-Team");
            }
            if (RESERVED.contains(key.toLowerCase(Locale.ROOT))) {
                throw new InputException(where + "." + key, "is set by Shipwatch itself", "remove it from the headers");
            }
            String value = h.getValue();
            if (value == null || value.chars().anyMatch(c -> c == '\r' || c == '\n')) {
                throw new InputException(where + "." + key, "has no value or a line break in it", "give a one-line value");
            }
            copy.put(key, value);
        }
        return Collections.unmodifiableMap(copy);
    }

    /** Leaves the secret and header values out (they often carry credentials), so logging a config never leaks them. */
    @Override
    public String toString() {
        return "WebhookSinkConfig[name=" + name + ", url=" + url + ", headers=" + headers.keySet()
                + ", secret=" + (secret == null ? "none" : "***") + "]";
    }
}
