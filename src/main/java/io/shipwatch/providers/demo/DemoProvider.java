package io.shipwatch.providers.demo;

import io.shipwatch.core.TimeWindow;
import io.shipwatch.providers.MetricsProvider;
import io.shipwatch.providers.ProviderException;
import io.shipwatch.providers.Rollup;
import io.shipwatch.providers.Series;
import io.shipwatch.providers.StepGrid;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Synthetic metrics for {@code shipwatch demo}, so the service graphs and gates work without Prometheus. Answers
 * {@code request_rate}, {@code error_ratio} and {@code latency_p95_seconds} of one service, with a daily cycle, a
 * per-service level and small noise; every value depends only on service, metric and time, so a window always
 * gives the same points. Configured {@link Incident}s raise error ratio and latency while they last. Graphs ask for a
 * {@link Rollup} over each step, as from a real backend, so a short incident still shows at a 30-day range.
 */
public final class DemoProvider implements MetricsProvider {
    /** Same limit as Prometheus, so the demo answers the same grid a real backend would. */
    static final int MAX_POINTS = 11_000;

    private static final Pattern QUERY = Pattern.compile(
            "\\s*(request_rate|error_ratio|latency_p95_seconds)\\s*\\{\\s*service\\s*=\\s*\"([^\"]+)\"\\s*}\\s*");
    private static final String UNDERSTOOD = "request_rate{service=\"<name>\"}, error_ratio{service=\"<name>\"}"
            + " and latency_p95_seconds{service=\"<name>\"}";

    /**
     * A bad stretch for one service in [from, to): the error ratio is about {@code errorRatio} (0..1) and latency
     * is {@code latencyFactor} times its usual value.
     */
    public record Incident(String service, Instant from, Instant to, double errorRatio, double latencyFactor) {
        public Incident {
            if (service == null || service.isBlank() || from == null || to == null || !from.isBefore(to)) {
                throw new IllegalArgumentException("demo incident needs a service and from before to, got "
                        + service + " " + from + ".." + to);
            }
            if (!(errorRatio >= 0 && errorRatio <= 1) || !(latencyFactor > 0)) {
                throw new IllegalArgumentException("demo incident of " + service + " needs errorRatio in 0..1 and"
                        + " latencyFactor > 0, got " + errorRatio + " and " + latencyFactor);
            }
        }

        boolean covers(String name, Instant t) {
            return service.equals(name) && !t.isBefore(from) && t.isBefore(to);
        }
    }

    private final List<Incident> incidents;

    public DemoProvider(List<Incident> incidents) {
        this.incidents = List.copyOf(incidents);
    }

    @Override
    public String type() {
        return "demo";
    }

    @Override
    public List<Series> queryRange(String query, TimeWindow window, Duration step) throws ProviderException {
        return queryRange(query, window, step, Rollup.LAST);
    }

    /** Each point aggregates the values read every {@link StepGrid#rollupResolution()} in the step before it. */
    @Override
    public List<Series> queryRange(String query, TimeWindow window, Duration step, Rollup rollup)
            throws ProviderException {
        Matcher m = QUERY.matcher(query);
        if (!m.matches()) {
            throw new ProviderException("demo provider: query '" + query.strip().replaceAll("\\s+", " ")
                    + "' is not understood; the demo provider understands " + UNDERSTOOD, false);
        }
        String metric = m.group(1);
        String service = m.group(2);
        StepGrid grid = rollup == Rollup.LAST ? StepGrid.of(window, step, MAX_POINTS)
                : StepGrid.endingAt(window, step, MAX_POINTS);
        if (grid.isEmpty()) {
            return List.of();
        }
        SyntheticService synthetic = new SyntheticService(service);
        long resolution = rollup == Rollup.LAST ? grid.step().toMillis() : grid.rollupResolution().toMillis();
        int reads = (int) ((grid.step().toMillis() + resolution - 1) / resolution);
        List<Series.Point> points = new ArrayList<>(grid.size());
        double[] values = new double[reads];
        for (Instant t : grid.times()) {
            for (int k = 0; k < reads; k++) { // t, t - resolution, ... while inside (t - step, t]
                values[reads - 1 - k] = value(synthetic, metric, t.minusMillis(k * resolution));
            }
            points.add(new Series.Point(t, rollup.apply(values)));
        }
        return List.of(new Series(Map.of("__name__", metric, "service", service), points));
    }

    private double value(SyntheticService s, String metric, Instant t) {
        List<Incident> active = incidents.stream().filter(i -> i.covers(s.name(), t)).toList();
        return switch (metric) {
            case "request_rate" -> s.requestRate(t);
            case "error_ratio" -> active.isEmpty()
                    ? s.errorRatio(t)
                    : s.incidentErrorRatio(t, active.stream().mapToDouble(Incident::errorRatio).max().orElseThrow());
            default -> s.latencyP95Seconds(t)
                    * active.stream().mapToDouble(Incident::latencyFactor).max().orElse(1);
        };
    }
}
