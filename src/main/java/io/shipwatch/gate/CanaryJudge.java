package io.shipwatch.gate;

import io.shipwatch.core.TimeWindow;
import io.shipwatch.providers.MetricsProvider;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Judges a canary over a window: runs each metric's query for the baseline and the canary group on the provider,
 * classifies it ({@link CanaryClassifier}) and decides ({@link CanaryScore}). A provider error makes that metric
 * {@code error} with the backend's message, and the judgement inconclusive unless a critical metric already failed.
 */
public final class CanaryJudge {
    private final MetricsProvider provider;

    public CanaryJudge(MetricsProvider provider) {
        this.provider = provider;
    }

    public CanaryJudgement judge(CanarySpec spec, TimeWindow window) {
        List<MetricJudgement> results = new ArrayList<>();
        for (CanaryMetric m : spec.metrics()) {
            Measurement baseline = measure(spec, m, spec.baselineVars(), window);
            Measurement canary = measure(spec, m, spec.canaryVars(), window);
            if (baseline.failed() || canary.failed()) {
                String error = baseline.failed() ? "baseline query failed: " + baseline.error()
                        : "canary query failed: " + canary.error();
                GroupStats none = new GroupStats(0, 0, Double.NaN);
                results.add(new MetricJudgement(m.name(), MetricOutcome.ERROR, m.critical(), false, m.mustHaveData(),
                        m.group(), none, none, null, null, null, null, null, false, error));
                continue;
            }
            results.add(CanaryClassifier.classify(m, baseline.values(), canary.values(), spec.confidence(),
                    spec.tolerance(), spec.analysis().minSamples()));
        }
        CanaryScore score = CanaryScore.of(results, spec.groupWeights(), spec.passScore(), spec.marginalScore());
        return new CanaryJudgement(spec.name(), score.decision(), score.score(), score.reason(), window, results,
                score.tooFewPoints());
    }

    private Measurement measure(CanarySpec spec, CanaryMetric m, Map<String, String> vars, TimeWindow window) {
        return GateEvaluator.measure(provider, Templates.fill(m.query(), vars, m.where()), window, spec.step());
    }
}
