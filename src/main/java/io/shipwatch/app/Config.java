package io.shipwatch.app;

import java.util.List;
import java.util.Map;

/**
 * The server's configuration file ({@code --config shipwatch.yaml}), as written by users. Unknown keys are refused
 * at load, and {@code ${NAME}} is replaced by the environment variable NAME, so secrets stay out of the file.
 */
public record Config(
        ServerSection server,
        String db,
        List<TokenSection> tokens,
        SinksSection sinks,
        MetricsSection metrics) {

    public Config {
        server = server == null ? new ServerSection(null, null, null) : server;
        tokens = tokens == null ? List.of() : tokens;
        sinks = sinks == null ? new SinksSection(null, null, null) : sinks;
        metrics = metrics == null ? new MetricsSection(null, null, null) : metrics;
    }

    public static Config empty() {
        return new Config(null, null, null, null, null);
    }

    /** {@code server:} where to listen and how large a request body may be. */
    public record ServerSection(Integer port, String bind, Long maxBodyBytes) {
    }

    /** One entry of {@code tokens:}: a name for logs, the secret, and its scope (read or write). */
    public record TokenSection(String name, String token, String scope) {
        @Override
        public String toString() {
            return "TokenSection[" + name + ", " + scope + "]";
        }
    }

    /** {@code sinks:} where markers are forwarded. */
    public record SinksSection(GrafanaSection grafana, DatadogSection datadog, List<WebhookSection> webhooks) {
        public SinksSection {
            webhooks = webhooks == null ? List.of() : webhooks;
        }
    }

    /** Grafana's annotations API: base URL, a service-account token, optionally one dashboard. */
    public record GrafanaSection(String url, String token, String dashboardUid, List<String> tags) {
    }

    /** Datadog's events API: an API key and the site (datadoghq.com, datadoghq.eu …) or a full URL. */
    public record DatadogSection(String apiKey, String site, String url, List<String> tags) {
    }

    /** A generic JSON webhook. */
    public record WebhookSection(String name, String url, Map<String, String> headers, String secret) {
    }

    /** {@code metrics:} the backend the service graphs come from, and their panels. */
    public record MetricsSection(ProviderSection provider, List<PanelSection> panels,
                                 Map<String, ServiceSection> services) {
        public MetricsSection {
            panels = panels == null ? List.of() : panels;
            services = services == null ? Map.of() : services;
        }
    }

    /** A metrics backend: {@code type: prometheus} with its URL and credentials, or {@code type: demo}. */
    public record ProviderSection(String type, String url, String token, String username, String password,
                                  Map<String, String> headers) {
    }

    /** A graph panel; {@code {{service}}} and {@code {{environment}}} are filled in per service. */
    public record PanelSection(String id, String title, String unit, String query) {
    }

    /** Per-service overrides: this service's own panels. */
    public record ServiceSection(List<PanelSection> panels) {
    }

}
