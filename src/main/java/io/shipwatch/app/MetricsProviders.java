package io.shipwatch.app;

import io.shipwatch.core.InputException;
import io.shipwatch.core.Times;
import io.shipwatch.gate.GateSpecParser;
import io.shipwatch.gate.ProviderSpec;
import io.shipwatch.graphs.Panel;
import io.shipwatch.graphs.ServiceGraphs;
import io.shipwatch.providers.MetricsProvider;
import io.shipwatch.providers.Rollup;
import io.shipwatch.providers.datadog.DatadogMetricsConfig;
import io.shipwatch.providers.datadog.DatadogProvider;
import io.shipwatch.providers.datadog.DatadogSinkConfig;
import io.shipwatch.providers.demo.DemoProvider;
import io.shipwatch.providers.web.JsonPath;
import io.shipwatch.providers.web.WebProvider;
import io.shipwatch.providers.prometheus.PrometheusConfig;
import io.shipwatch.providers.prometheus.PrometheusProvider;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The one place that knows the concrete metrics providers: builds the configured one from {@code metrics:}, with
 * the graph panels drawn under the markers. No provider configured means panels that say so; synthetic series come
 * only from {@code type: demo} (and {@code shipwatch demo}), labelled demo data.
 */
final class MetricsProviders {
    static final List<String> KNOWN = List.of("prometheus", "demo");

    private MetricsProviders() {
    }

    static ServiceGraphs graphs(Config.MetricsSection section) {
        Config.ProviderSection p = section.provider();
        if (p != null && (p.type() == null || p.type().isBlank())) {
            throw new InputException("metrics.provider.type", "is missing", "known providers: "
                    + String.join(", ", KNOWN));
        }
        String type = p == null ? "none" : p.type().toLowerCase(Locale.ROOT);
        MetricsProvider provider = switch (type) {
            case "none" -> null; // panels say no backend is configured: a real server never draws made-up series
            case "prometheus" -> prometheus(p);
            case "demo" -> new DemoProvider(List.of());
            default -> throw new InputException("metrics.provider.type", "unknown provider '" + p.type() + "'",
                    "known providers: " + String.join(", ", KNOWN));
        };
        List<Panel> defaults = section.panels().isEmpty()
                ? (type.equals("demo") ? ServiceGraphs.DEMO_DEFAULTS : ServiceGraphs.PROMETHEUS_DEFAULTS)
                : panels(section.panels(), "metrics.panels");
        Map<String, List<Panel>> perService = new LinkedHashMap<>();
        section.services().forEach((service, s) -> {
            if (s != null && s.panels() != null && !s.panels().isEmpty()) {
                perService.put(service, panels(s.panels(), "metrics.services." + service + ".panels"));
            }
        });
        return provider == null ? ServiceGraphs.unconfigured(defaults, perService)
                : new ServiceGraphs(provider, defaults, perService);
    }

    private static MetricsProvider prometheus(Config.ProviderSection p) {
        if (p.url() == null || p.url().isBlank()) {
            throw new InputException("metrics.provider.url", "is missing", "set it to your Prometheus, such as "
                    + "http://prometheus:9090");
        }
        try {
            PrometheusConfig config = PrometheusConfig.of(p.url().trim());
            if (p.token() != null) {
                config = config.withBearerToken(p.token());
            }
            if (p.username() != null || p.password() != null) {
                config = config.withBasicAuth(p.username(), p.password());
            }
            if (p.headers() != null) {
                config = config.withHeaders(p.headers());
            }
            return PrometheusProvider.create(config);
        } catch (InputException e) {
            throw new InputException(e.errors().stream().map(x -> new InputException.Problem(
                    x.where().replace("prometheus.", "metrics.provider."), x.problem(), x.hint())).toList());
        }
    }

    /** The providers a gate or canary spec can name. */
    static final List<String> SPEC_KNOWN = List.of("prometheus", "datadog", "web");

    /** The backend a gate or canary spec names; problems point at the spec's provider line. */
    static MetricsProvider forSpec(ProviderSpec spec, Map<String, String> env) {
        return switch (spec.type()) {
            case "prometheus" -> prometheus(spec);
            case "datadog" -> datadog(spec, env);
            case "web" -> web(spec);
            default -> throw GateSpecParser.unknownProvider(spec, SPEC_KNOWN);
        };
    }

    /** Any HTTP JSON endpoint: url with {{query}}, {{start}}, {{end}}, {{step}}; jsonPath; headers; timeout. */
    private static MetricsProvider web(ProviderSpec spec) {
        for (String key : spec.settings().keySet()) {
            if (!List.of("url", "jsonPath", "timeout").contains(key) && !key.startsWith("headers.")) {
                throw new InputException(spec.where(), "provider: unknown setting '" + key + "' for web",
                        "known settings: url, jsonPath, headers, timeout");
            }
        }
        String url = spec.setting("url");
        if (url == null || !(url.startsWith("http://") || url.startsWith("https://"))) {
            throw new InputException(spec.where(), "provider: web needs an http(s) url", "write url: "
                    + "\"https://metrics.example/api?q={{query}}&from={{start}}&to={{end}}\"");
        }
        String pathText = spec.setting("jsonPath") == null ? "$" : spec.setting("jsonPath");
        JsonPath path = JsonPath.parse(pathText);
        if (path == null) {
            throw new InputException(spec.where(), "provider: jsonPath '" + pathText + "' is not supported",
                    "write a path such as $.data.value or $.result[0].points");
        }
        Map<String, String> headers = new LinkedHashMap<>();
        spec.settings().forEach((k, v) -> {
            if (k.startsWith("headers.")) {
                headers.put(k.substring("headers.".length()), v);
            }
        });
        java.time.Duration timeout = spec.setting("timeout") == null ? java.time.Duration.ofSeconds(30)
                : Times.parseDuration(spec.setting("timeout"), spec.where() + ": provider.timeout");
        return new WebProvider(url, path, headers, timeout);
    }

    /** Datadog: site (or url), and the keys from the spec or from DD_API_KEY and DD_APP_KEY. */
    private static MetricsProvider datadog(ProviderSpec spec, Map<String, String> env) {
        for (String key : spec.settings().keySet()) {
            if (!List.of("site", "url", "apiKey", "applicationKey", "timeout").contains(key)) {
                throw new InputException(spec.where(), "provider: unknown setting '" + key + "' for datadog",
                        "known settings: site, url, apiKey, applicationKey, timeout");
            }
        }
        java.net.URI base;
        try {
            base = spec.setting("url") != null ? java.net.URI.create(spec.setting("url").replaceAll("/+$", ""))
                    : spec.setting("site") != null ? DatadogSinkConfig.siteUrl(spec.setting("site"))
                    : DatadogSinkConfig.DEFAULT_BASE_URL;
        } catch (IllegalArgumentException | InputException e) {
            throw new InputException(spec.where(), "provider: '" + (spec.setting("url") != null ? spec.setting("url")
                    : spec.setting("site")) + "' is not a Datadog site or URL",
                    "use site: datadoghq.eu (or another site) or url: https://api.datadoghq.com");
        }
        String apiKey = spec.setting("apiKey") != null ? spec.setting("apiKey") : env.get("DD_API_KEY");
        String appKey = spec.setting("applicationKey") != null ? spec.setting("applicationKey")
                : env.getOrDefault("DD_APP_KEY", env.get("DD_APPLICATION_KEY"));
        if (apiKey == null || apiKey.isBlank() || appKey == null || appKey.isBlank()) {
            throw new InputException(spec.where(), "provider: datadog needs an API key and an application key",
                    "export DD_API_KEY and DD_APP_KEY (or write apiKey: and applicationKey: in the spec)");
        }
        java.time.Duration timeout = spec.setting("timeout") == null ? DatadogMetricsConfig.DEFAULT_TIMEOUT
                : Times.parseDuration(spec.setting("timeout"), spec.where() + ": provider.timeout");
        return DatadogProvider.create(new DatadogMetricsConfig(base, apiKey.trim(), appKey.trim(), timeout));
    }

    private static MetricsProvider prometheus(ProviderSpec spec) {
        for (String key : spec.settings().keySet()) {
            if (!List.of("url", "token", "username", "password", "timeout").contains(key) && !key.startsWith("headers.")) {
                throw new InputException(spec.where(), "provider: unknown setting '" + key + "' for prometheus",
                        "known settings: url, token, username, password, timeout, headers");
            }
        }
        String url = spec.setting("url");
        if (url == null || url.isBlank()) {
            throw new InputException(spec.where(), "provider: url is missing", "add url: http://prometheus:9090");
        }
        try {
            PrometheusConfig config = PrometheusConfig.of(url.trim());
            if (spec.setting("token") != null) {
                config = config.withBearerToken(spec.setting("token"));
            }
            if (spec.setting("username") != null || spec.setting("password") != null) {
                config = config.withBasicAuth(spec.setting("username"), spec.setting("password"));
            }
            if (spec.setting("timeout") != null) {
                config = config.withTimeout(Times.parseDuration(spec.setting("timeout"), "provider.timeout"));
            }
            Map<String, String> headers = new LinkedHashMap<>();
            spec.settings().forEach((k, v) -> {
                if (k.startsWith("headers.")) {
                    headers.put(k.substring("headers.".length()), v);
                }
            });
            if (!headers.isEmpty()) {
                config = config.withHeaders(headers);
            }
            return PrometheusProvider.create(config);
        } catch (InputException e) {
            throw new InputException(spec.where(), "provider: " + e.errors().get(0).problem(), e.errors().get(0).hint());
        }
    }

    private static List<Panel> panels(List<Config.PanelSection> sections, String where) {
        List<Panel> panels = new ArrayList<>();
        for (int i = 0; i < sections.size(); i++) {
            Config.PanelSection s = sections.get(i);
            String at = where + "[" + i + "]";
            if (s.id() == null || s.id().isBlank()) {
                throw new InputException(at + ".id", "is missing", "name the panel, such as error_ratio");
            }
            if (s.query() == null || s.query().isBlank()) {
                throw new InputException(at + ".query", "is missing", "give the PromQL query; {{service}} is filled in");
            }
            String unit = s.unit() == null ? "" : s.unit();
            Rollup rollup = s.aggregation() == null ? Panel.defaultRollup(unit) : Rollup.parse(s.aggregation());
            if (rollup == null) {
                throw new InputException(at + ".aggregation", "unknown aggregation '" + s.aggregation() + "'",
                        "use one of " + Rollup.names() + " (max keeps spikes visible at long ranges)");
            }
            panels.add(new Panel(s.id(), s.title() == null ? s.id() : s.title(), unit, s.query(), rollup));
        }
        return panels;
    }
}
