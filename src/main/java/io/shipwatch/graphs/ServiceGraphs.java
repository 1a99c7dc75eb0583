package io.shipwatch.graphs;

import io.shipwatch.core.TimeWindow;
import io.shipwatch.providers.MetricsProvider;
import io.shipwatch.providers.ProviderException;
import io.shipwatch.providers.Rollup;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The graphs drawn under a service's deployment markers: request rate, error ratio and p95 latency by default,
 * each panel replaceable per service in the configuration. A backend failure shows on its panel, not as an error page.
 */
public final class ServiceGraphs {
    /** Points a graph is drawn with, whatever the window: the step is the window divided by this. */
    static final int TARGET_POINTS = 240;

    /** Defaults for services instrumented with the usual Prometheus HTTP metrics. */
    public static final List<Panel> PROMETHEUS_DEFAULTS = List.of(
            new Panel("request_rate", "Request rate", "req/s",
                    "sum(rate(http_requests_total{service=\"{{service}}\"}[5m]))", Rollup.AVG),
            new Panel("error_ratio", "Error ratio", "ratio",
                    "sum(rate(http_requests_total{service=\"{{service}}\",code=~\"5..\"}[5m])) "
                            + "/ sum(rate(http_requests_total{service=\"{{service}}\"}[5m]))", Rollup.MAX),
            new Panel("latency_p95", "p95 latency", "s",
                    "histogram_quantile(0.95, sum by (le) "
                            + "(rate(http_request_duration_seconds_bucket{service=\"{{service}}\"}[5m])))", Rollup.MAX));

    /** The built-in demo provider's series. */
    public static final List<Panel> DEMO_DEFAULTS = List.of(
            new Panel("request_rate", "Request rate (demo data)", "req/s", "request_rate{service=\"{{service}}\"}",
                    Rollup.AVG),
            new Panel("error_ratio", "Error ratio (demo data)", "ratio", "error_ratio{service=\"{{service}}\"}",
                    Rollup.MAX),
            new Panel("latency_p95", "p95 latency (demo data)", "s", "latency_p95_seconds{service=\"{{service}}\"}",
                    Rollup.MAX));

    /** What a panel says when the server has no metrics backend: what to configure, in one line. */
    public static final String NO_BACKEND = "no metrics backend configured: add metrics.provider to the server's "
            + "config file, such as metrics: {provider: {type: prometheus, url: http://prometheus:9090}} in "
            + "shipwatch.yaml, and start it with --config shipwatch.yaml";

    private final MetricsProvider provider;
    private final List<Panel> defaults;
    private final Map<String, List<Panel>> perService;

    /** Graphs from {@code provider}; {@link #unconfigured} when the server has none. */
    public ServiceGraphs(MetricsProvider provider, List<Panel> defaults, Map<String, List<Panel>> perService) {
        this(defaults, perService, java.util.Objects.requireNonNull(provider, "provider; use unconfigured()"));
    }

    private ServiceGraphs(List<Panel> defaults, Map<String, List<Panel>> perService, MetricsProvider provider) {
        this.provider = provider;
        this.defaults = List.copyOf(defaults);
        this.perService = Map.copyOf(perService);
    }

    /**
     * Graphs of a server without a metrics backend: every panel says so and how to add one. No series are made up,
     * so nothing (a page, a load-test verdict) can mistake synthetic data for the service's.
     */
    public static ServiceGraphs unconfigured(List<Panel> defaults, Map<String, List<Panel>> perService) {
        return new ServiceGraphs(defaults, perService, null);
    }

    /** The backend's type, such as prometheus or demo; "none" when no backend is configured. */
    public String providerType() {
        return provider == null ? "none" : provider.type();
    }

    /** The panels of a service: its own where configured, the defaults otherwise. */
    public List<Panel> panels(String service) {
        return perService.getOrDefault(service, defaults);
    }

    /** Queries every panel of the service over the window, each point aggregated over its step by the panel's rollup. */
    public List<PanelResult> render(String service, String environment, TimeWindow window) {
        Duration step = stepFor(window);
        List<PanelResult> results = new ArrayList<>();
        for (Panel panel : panels(service)) {
            String query = panel.queryFor(service, environment);
            if (provider == null) {
                results.add(new PanelResult(panel.id(), panel.title(), panel.unit(), query, panel.rollup(), step,
                        List.of(), NO_BACKEND, PanelResult.Status.UNCONFIGURED));
                continue;
            }
            try {
                results.add(new PanelResult(panel.id(), panel.title(), panel.unit(), query, panel.rollup(), step,
                        provider.queryRange(query, window, step, panel.rollup()), null));
            } catch (ProviderException e) {
                results.add(new PanelResult(panel.id(), panel.title(), panel.unit(), query, panel.rollup(), step,
                        List.of(), e.getMessage()));
            }
        }
        return results;
    }

    /** A round step giving about {@link #TARGET_POINTS} points, never under 15 s (a common scrape interval). */
    static Duration stepFor(TimeWindow window) {
        long seconds = Math.max(15, window.length().toSeconds() / TARGET_POINTS);
        long[] nice = {15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400};
        for (long n : nice) {
            if (n >= seconds) {
                return Duration.ofSeconds(n);
            }
        }
        return Duration.ofSeconds(seconds);
    }
}
