package io.shipwatch.gate;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A parsed canary spec: the provider, the template variables of the baseline (control) and canary (experiment)
 * groups, the window, the metrics, the judge's settings, and for {@code canary run} the steps and actions.
 */
public record CanarySpec(String name, ProviderSpec provider, Map<String, String> baselineVars,
        Map<String, String> canaryVars, Duration window, Duration step, List<CanaryMetric> metrics, double confidence,
        double tolerance, double passScore, double marginalScore, Map<String, Double> groupWeights,
        AnalysisLimits analysis, List<CanaryStep> steps, Map<String, CanaryAction> actions, String source) {

    public CanarySpec {
        baselineVars = Map.copyOf(baselineVars);
        canaryVars = Map.copyOf(canaryVars);
        metrics = List.copyOf(metrics);
        groupWeights = Map.copyOf(groupWeights);
        steps = List.copyOf(steps);
        actions = Map.copyOf(actions);
    }

    /** The service named in the variables (for markers), or the spec's name. */
    public String service() {
        return canaryVars.getOrDefault("service", name);
    }
}
