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
        MetricsSection metrics,
        DoraSection dora,
        WebhooksSection webhooks) {

    public Config {
        server = server == null ? new ServerSection(null, null, null) : server;
        dora = dora == null ? new DoraSection(null, null, null) : dora;
        webhooks = webhooks == null ? new WebhooksSection(null, null, null, null) : webhooks;
        tokens = tokens == null ? List.of() : tokens;
        sinks = sinks == null ? new SinksSection(null, null, null) : sinks;
        metrics = metrics == null ? new MetricsSection(null, null, null) : metrics;
    }

    /** A configuration without DORA or webhook settings. */
    public Config(ServerSection server, String db, List<TokenSection> tokens, SinksSection sinks, MetricsSection metrics) {
        this(server, db, tokens, sinks, metrics, null, null);
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

    /**
     * {@code dora:} which environments are production (default production and prod), how long after a deployment an
     * incident is blamed on it (default 24h), and each service's team and repositories (a monorepo by its paths).
     */
    public record DoraSection(List<String> productionEnvironments, String incidentLinkWindow,
                              Map<String, DoraServiceSection> services) {
        public DoraSection {
            services = services == null ? Map.of() : services;
        }
    }

    /** One service under {@code dora.services}: its team, and the repositories (and paths in them) it is built from. */
    public record DoraServiceSection(String team, List<RepositorySection> repositories) {
        public DoraServiceSection {
            repositories = repositories == null ? List.of() : repositories;
        }
    }

    /** A repository URL and, for a monorepo, the path prefixes that belong to the service (none: all of it). */
    public record RepositorySection(String url, List<String> paths) {
        public RepositorySection {
            paths = paths == null ? List.of() : paths;
        }
    }

    /** {@code webhooks:} the shared secrets of the Git and alerting webhooks; a provider without one is not served. */
    public record WebhooksSection(SecretSection github, SecretSection gitlab, SecretSection alertmanager,
                                  SecretSection pagerduty, SecretSection argocd, SecretSection flux) {
        public WebhooksSection(SecretSection github, SecretSection gitlab, SecretSection alertmanager,
                               SecretSection pagerduty) {
            this(github, gitlab, alertmanager, pagerduty, null, null);
        }
    }

    /** A webhook secret (GitHub and PagerDuty sign with it; GitLab and Alertmanager send it as a token). */
    public record SecretSection(String secret) {
        @Override
        public String toString() {
            return "SecretSection[***]";
        }
    }
}
