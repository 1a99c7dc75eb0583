package io.shipwatch.providers.datadog;

import io.shipwatch.core.InputException;
import io.shipwatch.providers.http.SinkHttp;
import java.net.URI;
import java.util.List;
import java.util.Locale;

/**
 * Where and how to post Datadog events: the API base URL (null means US1, {@code https://api.datadoghq.com}; use
 * {@link #forSite} for another site), an API key, and tags added to every event.
 */
public record DatadogSinkConfig(URI baseUrl, String apiKey, List<String> extraTags) {
    public static final URI DEFAULT_BASE_URL = URI.create("https://api.datadoghq.com");

    public DatadogSinkConfig {
        baseUrl = baseUrl == null ? DEFAULT_BASE_URL : SinkHttp.requireHttpUrl(baseUrl, "datadog.baseUrl", DEFAULT_BASE_URL.toString());
        SinkHttp.requireSecret(apiKey, "datadog.apiKey", "create an API key under Organization Settings > API Keys");
        extraTags = extraTags == null ? List.of() : List.copyOf(extraTags);
    }

    /** A config for a Datadog site as its docs name it ({@code datadoghq.eu}, {@code us5.datadoghq.com}). */
    public static DatadogSinkConfig forSite(String site, String apiKey, List<String> extraTags) {
        return new DatadogSinkConfig(siteUrl(site), apiKey, extraTags);
    }

    /** The API URL of a site: {@code datadoghq.eu} → {@code https://api.datadoghq.eu}; the app host works too. */
    public static URI siteUrl(String site) {
        String host = site == null ? "" : site.trim().toLowerCase(Locale.ROOT);
        // users copy the host from their browser: app.datadoghq.eu serves its API at api.datadoghq.eu
        if (host.startsWith("app.")) {
            host = host.substring("app.".length());
        }
        if (!host.matches("[a-z0-9-]+(\\.[a-z0-9-]+)+")) {
            throw new InputException("datadog.site", "'" + site + "' is not a Datadog site",
                    "use a site such as datadoghq.com, datadoghq.eu or us5.datadoghq.com");
        }
        return URI.create("https://api." + host);
    }

    /** Leaves the API key out, so logging a config never leaks it. */
    @Override
    public String toString() {
        return "DatadogSinkConfig[baseUrl=" + baseUrl + ", apiKey=***, extraTags=" + extraTags + "]";
    }
}
