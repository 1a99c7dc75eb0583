package io.shipwatch.providers.prometheus;

import io.shipwatch.providers.ProviderException;
import java.net.URI;

/** One request to the Prometheus API: where it went and what it asked, to name both in one-line failure messages. */
record Call(URI endpoint, String query, PrometheusConfig config) {
    private static final int MAX_QUOTED = 200;

    /** A failure message "endpoint: what; hint", on one line, with any configured secret blanked out. */
    ProviderException fail(String what, String hint, boolean retryable, Throwable cause) {
        String message = oneLine(endpoint + ": " + what + "; " + hint);
        message = redact(message, config.bearerToken());
        message = redact(message, config.password());
        for (String value : config.headers().values()) {
            message = redact(message, value);
        }
        return new ProviderException(message, retryable, cause);
    }

    ProviderException fail(String what, String hint, boolean retryable) {
        return fail(what, hint, retryable, null);
    }

    /** The query as quoted in messages: one line, cut short when long. */
    String quotedQuery() {
        String q = oneLine(query);
        return "'" + (q.length() > MAX_QUOTED ? q.substring(0, MAX_QUOTED) + "…" : q) + "'";
    }

    /** What to do about refused credentials, for the kind of credentials configured. */
    String credentialsHint() {
        if (config.bearerToken() != null) {
            return "check the token";
        }
        if (config.user() != null) {
            return "check the user and password";
        }
        return "configure a token or a user and password";
    }

    static String oneLine(String text) {
        return text.strip().replaceAll("\\s*[\\r\\n]+\\s*", " ");
    }

    private static String redact(String message, String secret) {
        // short values (such as a tenant id "1") would blank out unrelated text and are not secrets
        return secret == null || secret.length() < 6 ? message : message.replace(secret, "***");
    }
}
