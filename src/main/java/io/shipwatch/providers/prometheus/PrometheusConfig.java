package io.shipwatch.providers.prometheus;

import io.shipwatch.core.InputException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Where a Prometheus-compatible API is and how to reach it. {@code url} is the base the {@code /api/v1/...} paths
 * go under and may carry a path prefix ({@code https://proxy.example/prometheus}). At most one of a bearer token or a
 * user and password is set; secrets never appear in {@link #toString()}.
 */
public record PrometheusConfig(
        URI url, String bearerToken, String user, String password, Map<String, String> headers, Duration timeout) {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    // java.net.http refuses to let callers set these
    private static final Set<String> RESTRICTED_HEADERS = Set.of("connection", "content-length", "expect", "host",
            "upgrade");

    public PrometheusConfig {
        url = checkUrl(url);
        headers = checkHeaders(headers == null ? Map.of() : headers, bearerToken != null || user != null);
        timeout = timeout == null ? DEFAULT_TIMEOUT : timeout;
        if (bearerToken != null && bearerToken.isBlank()) {
            throw new InputException("prometheus.token", "is empty", "set the token or leave it out");
        }
        if (bearerToken != null && (user != null || password != null)) {
            throw new InputException("prometheus.token", "is set together with a user and password",
                    "use either a bearer token or basic auth, not both");
        }
        if ((user != null || password != null) && (user == null || user.isEmpty())) {
            throw new InputException("prometheus.user", "is missing or empty while basic auth is configured",
                    "set prometheus.user, or leave out prometheus.password");
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new InputException("prometheus.timeout", "'" + timeout + "' is not positive",
                    "use a duration such as 30s");
        }
    }

    /** No credentials, no extra headers, the default timeout. */
    public static PrometheusConfig of(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new InputException("prometheus.url", "'" + url + "' is not a URL",
                    "use a URL such as http://localhost:9090");
        }
        return new PrometheusConfig(uri, null, null, null, Map.of(), null);
    }

    public PrometheusConfig withBearerToken(String token) {
        return new PrometheusConfig(url, token, null, null, headers, timeout);
    }

    public PrometheusConfig withBasicAuth(String newUser, String newPassword) {
        return new PrometheusConfig(url, null, newUser, newPassword, headers, timeout);
    }

    public PrometheusConfig withHeaders(Map<String, String> newHeaders) {
        return new PrometheusConfig(url, bearerToken, user, password, newHeaders, timeout);
    }

    public PrometheusConfig withTimeout(Duration newTimeout) {
        return new PrometheusConfig(url, bearerToken, user, password, headers, newTimeout);
    }

    /** The base URL joined with an API path such as {@code /api/v1/query_range}. */
    public URI endpoint(String apiPath) {
        return URI.create(url + apiPath);
    }

    @Override
    public String toString() {
        String auth = bearerToken != null ? ", token=***" : user != null ? ", user=" + user + ", password=***" : "";
        return "PrometheusConfig[url=" + url + auth + ", headers=" + headers.keySet() + ", timeout=" + timeout + "]";
    }

    private static URI checkUrl(URI url) {
        if (url == null) {
            throw new InputException("prometheus.url", "is missing", "set it to a URL such as http://localhost:9090");
        }
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || url.getHost() == null) {
            throw new InputException("prometheus.url", "'" + url + "' is not an http(s) URL with a host",
                    "use a URL such as http://localhost:9090");
        }
        if (url.getRawUserInfo() != null) {
            // never echo the URL here: it carries a password
            throw new InputException("prometheus.url", "contains a user name or password",
                    "put credentials in prometheus.user and prometheus.password or prometheus.token");
        }
        if (url.getRawQuery() != null || url.getRawFragment() != null) {
            throw new InputException("prometheus.url", "'" + url + "' has a query or fragment",
                    "use only scheme, host, port and path prefix, such as https://proxy.example/prometheus");
        }
        String text = url.toString();
        while (text.endsWith("/")) {
            text = text.substring(0, text.length() - 1);
        }
        return URI.create(text);
    }

    private static Map<String, String> checkHeaders(Map<String, String> headers, boolean hasAuth) {
        Map<String, String> checked = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (Map.Entry<String, String> h : headers.entrySet()) {
            String name = h.getKey();
            String where = "prometheus.headers." + name;
            if (name == null || !name.matches("[!#$%&'*+.^_`|~0-9A-Za-z-]+")) {
                throw new InputException("prometheus.headers", "'" + name + "' is not a header name",
                        "use names such as X-Scope-OrgID");
            }
            if (RESTRICTED_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
                throw new InputException(where, "cannot be set", "leave it out; the HTTP client sets it");
            }
            if (hasAuth && name.equalsIgnoreCase("Authorization")) {
                throw new InputException(where, "conflicts with the configured token or user and password",
                        "use either the Authorization header or prometheus.token/user, not both");
            }
            if (h.getValue() == null || h.getValue().indexOf('\r') >= 0 || h.getValue().indexOf('\n') >= 0) {
                throw new InputException(where, "has no value or a line break in it", "set a one-line value");
            }
            checked.put(name, h.getValue());
        }
        return Map.copyOf(checked);
    }
}
