package io.shipwatch.loadtest;

import java.util.ArrayList;
import java.util.List;

/**
 * Compares the service's own metrics during the candidate's test with those during the baseline's, panel by panel.
 * They explain a regression (the CPU doubled) more than they judge one, so a rise only warns: the load tool's
 * latencies and errors, under the rules, decide pass or fail.
 */
public final class ServiceComparison {
    /** A service metric whose mean over the window grows by more than this fraction warns. */
    public static final double WARN_INCREASE = 0.20;

    private ServiceComparison() {
    }

    /** One row per panel of the candidate; a panel the baseline lacks, or without data, is noted and passes. */
    public static List<ComparisonReport.ServiceVerdict> compare(List<ServiceMetric> baseline, List<ServiceMetric> candidate) {
        List<ComparisonReport.ServiceVerdict> out = new ArrayList<>();
        for (ServiceMetric c : candidate) {
            ServiceMetric b = baseline.stream().filter(m -> m.id().equals(c.id())).findFirst().orElse(null);
            Double base = b == null ? null : b.mean();
            Double cand = c.mean();
            Double change = base == null || cand == null || base == 0 ? null : (cand - base) / base;
            Level result = change != null && change > WARN_INCREASE ? Level.WARN : Level.PASS;
            String reason = b == null ? "not measured during the baseline's test"
                    : cand == null || base == null ? "no data: " + (c.error() != null ? c.error()
                    : b.error() != null ? b.error() : "the backend returned no points")
                    : result == Level.WARN ? "mean over the test grew by more than 20%" : "within +20%";
            out.add(new ComparisonReport.ServiceVerdict(c.id(), c.title(), c.unit(), base, cand, change, result, reason));
        }
        return out;
    }
}
