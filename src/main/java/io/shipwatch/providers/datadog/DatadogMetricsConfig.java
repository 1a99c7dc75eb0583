package io.shipwatch.providers.datadog;

import java.net.URI;
import java.time.Duration;

/**
 * How to query Datadog's metrics: the API base URL of the site, the API key and the application key (both are
 * needed to read data), and the request timeout.
 */
public record DatadogMetricsConfig(URI baseUrl, String apiKey, String applicationKey, Duration timeout) {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    @Override
    public String toString() {
        return "DatadogMetricsConfig[baseUrl=" + baseUrl + ", apiKey=***, applicationKey=***, timeout=" + timeout + "]";
    }
}
