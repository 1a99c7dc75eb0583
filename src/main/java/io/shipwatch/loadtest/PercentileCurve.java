package io.shipwatch.loadtest;

import java.util.ArrayList;
import java.util.List;

/**
 * A label's latency by percentile, for drawing a baseline and a candidate on one chart: from every sample's histogram
 * when the run is raw, or from the few percentiles a tool's report carries.
 */
public final class PercentileCurve {
    /** The percentiles drawn from a histogram: dense where tails differ. */
    static final double[] QUANTILES = {0.01, 0.05, 0.10, 0.20, 0.30, 0.40, 0.50, 0.60, 0.70, 0.75, 0.80, 0.85, 0.90,
        0.925, 0.95, 0.965, 0.975, 0.98, 0.99, 0.995, 0.999, 1.0};

    private PercentileCurve() {
    }

    /** Points of (percentile 0–100, milliseconds), ascending; empty when the run has no such label. */
    public static List<double[]> of(LoadTestResult result, String label) {
        List<double[]> points = new ArrayList<>();
        LatencyHistogram h = result.histograms().get(label);
        if (h != null && h.count() > 0) {
            for (double q : QUANTILES) {
                points.add(new double[] {q * 100, h.percentile(q)});
            }
            return points;
        }
        result.label(label).ifPresent(s -> {
            add(points, 0, s.minMs());
            add(points, 50, s.p50Ms());
            add(points, 90, s.p90Ms());
            add(points, 95, s.p95Ms());
            add(points, 99, s.p99Ms());
            add(points, 99.9, s.p999Ms());
            add(points, 100, s.maxMs());
        });
        return points;
    }

    private static void add(List<double[]> points, double percentile, Double ms) {
        if (ms != null) {
            points.add(new double[] {percentile, ms});
        }
    }
}
