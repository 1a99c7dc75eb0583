package io.shipwatch.loadtest;

import java.util.List;

/**
 * The verdict of comparing a candidate run with a baseline: overall, per label, and per metric of each label.
 *
 * @param confidence the confidence level of the significance tests (0.95: significant when p < 0.05)
 */
public record ComparisonReport(Level result, String baseline, String candidate, double confidence,
                               List<LabelVerdict> labels, List<ServiceVerdict> services) {

    public ComparisonReport {
        labels = List.copyOf(labels);
        services = List.copyOf(services);
    }

    /** The same report with the service's own metrics compared too; their warnings count in the result. */
    public ComparisonReport withServices(List<ServiceVerdict> verdicts) {
        Level worst = result;
        for (ServiceVerdict v : verdicts) {
            worst = worst.worst(v.result());
        }
        return new ComparisonReport(worst, baseline, candidate, confidence, labels, verdicts);
    }

    /** The verdict of one label; throws when there is none. */
    public LabelVerdict label(String name) {
        return labels.stream().filter(l -> l.label().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no label " + name));
    }

    /** One of the service's own metrics (a graph panel) during the candidate's test against the baseline's. */
    public record ServiceVerdict(String id, String title, String unit, Double baseline, Double candidate, Double change,
                                 Level result, String reason) {
    }

    /** One label's verdict: the worst of its metrics, or a note when only one side has the label. */
    public record LabelVerdict(String label, Level result, List<MetricVerdict> metrics, String note) {
        public LabelVerdict {
            metrics = List.copyOf(metrics);
        }
    }

    /**
     * One metric of a label. {@code change} is relative ((candidate − baseline) / baseline), null when the baseline is
     * zero or a side lacks the metric. {@code significant} and {@code pValue} are null when no test was made (a side
     * without raw samples, or a metric that is not a latency); {@code reason} says which rule decided.
     */
    public record MetricVerdict(Metric metric, Double baseline, Double candidate, Double change, Boolean significant,
                                Double pValue, Level result, String reason) {
    }
}
