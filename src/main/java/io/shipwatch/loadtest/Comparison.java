package io.shipwatch.loadtest;

import io.shipwatch.stats.Alternative;
import io.shipwatch.stats.BinnedRankSum;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Compares a candidate run with a baseline under rules, label by label. Noise must not fail a build: where both sides
 * have raw samples, a rule on how much a latency may grow only breaks when the candidate's latencies are also
 * significantly higher (one-sided Mann–Whitney U over the two histograms, {@link BinnedRankSum}).
 */
public final class Comparison {
    private Comparison() {
    }

    /** The verdict for every label of either side; {@code confidence} such as 0.95 for the significance tests. */
    public static ComparisonReport compare(LoadTestResult baseline, LoadTestResult candidate, List<Rule> rules,
                                           double confidence) {
        Set<String> names = new LinkedHashSet<>();
        baseline.labels().forEach(l -> names.add(l.label()));
        candidate.labels().forEach(l -> names.add(l.label()));
        List<ComparisonReport.LabelVerdict> verdicts = new ArrayList<>();
        Level overall = Level.PASS;
        for (String name : names) {
            ComparisonReport.LabelVerdict v = label(name, baseline, candidate, rules, confidence);
            verdicts.add(v);
            overall = overall.worst(v.result());
        }
        return new ComparisonReport(overall, baseline.source(), candidate.source(), confidence, verdicts, List.of());
    }

    private static ComparisonReport.LabelVerdict label(String name, LoadTestResult baseline, LoadTestResult candidate,
                                                       List<Rule> rules, double confidence) {
        LabelSummary b = baseline.label(name).orElse(null);
        LabelSummary c = candidate.label(name).orElse(null);
        if (c == null) {
            return new ComparisonReport.LabelVerdict(name, Level.WARN, List.of(),
                    "in the baseline but not in the candidate: was it tested?");
        }
        if (b == null) {
            return new ComparisonReport.LabelVerdict(name, Level.PASS, List.of(),
                    "new in the candidate: nothing to compare with");
        }
        Map<Metric, List<Rule>> byMetric = new LinkedHashMap<>();
        for (Rule rule : rules) {
            if (rule.matches(name)) {
                byMetric.computeIfAbsent(rule.metric(), m -> new ArrayList<>()).add(rule);
            }
        }
        Double pValue = pValueSlower(baseline.histograms().get(name), candidate.histograms().get(name));
        List<ComparisonReport.MetricVerdict> metrics = new ArrayList<>();
        Level result = Level.PASS;
        for (Map.Entry<Metric, List<Rule>> e : byMetric.entrySet()) {
            Double p = e.getKey().isLatency() ? pValue : null;
            ComparisonReport.MetricVerdict v = metric(e.getKey(), b, c, e.getValue(), p, confidence);
            metrics.add(v);
            result = result.worst(v.result());
        }
        return new ComparisonReport.LabelVerdict(name, result, metrics, null);
    }

    private static ComparisonReport.MetricVerdict metric(Metric metric, LabelSummary b, LabelSummary c,
                                                         List<Rule> rules, Double pValue, double confidence) {
        Double base = b.metric(metric);
        Double cand = c.metric(metric);
        if (base == null || cand == null) {
            return new ComparisonReport.MetricVerdict(metric, base, cand, null, null, null, Level.PASS,
                    metric.wireName() + " is not in the " + (base == null ? "baseline" : "candidate") + "'s results");
        }
        Double change = base == 0 ? null : (cand - base) / base;
        Boolean significant = pValue == null ? null : pValue < 1 - confidence;
        Level result = Level.PASS;
        List<String> broken = new ArrayList<>();
        List<String> noise = new ArrayList<>();
        for (Rule rule : rules) {
            boolean bound = breaksBound(rule, cand);
            boolean shift = breaksChange(rule, base, cand);
            if (shift && !bound && cand > base && Boolean.FALSE.equals(significant)) {
                noise.add(rule.describe());
            } else if (bound || shift) {
                broken.add(rule.describe());
                result = result.worst(rule.level());
            }
        }
        String reason;
        if (!broken.isEmpty()) {
            reason = "breaks " + String.join(", ", broken);
        } else if (!noise.isEmpty()) {
            reason = "beyond " + String.join(", ", noise) + " but not significant";
        } else {
            reason = "within " + String.join(", ", rules.stream().map(Rule::describe).toList());
        }
        return new ComparisonReport.MetricVerdict(metric, base, cand, change, significant, pValue, result, reason);
    }

    private static boolean breaksBound(Rule rule, double cand) {
        return rule.max() != null && cand > rule.max().value() || rule.min() != null && cand < rule.min().value();
    }

    /** Whether the change from base to cand goes past maxIncrease or maxDecrease, and past minDelta too. */
    private static boolean breaksChange(Rule rule, double base, double cand) {
        double delta = cand - base;
        if (rule.minDelta() != null && Math.abs(delta) <= rule.minDelta().value()) {
            return false;
        }
        return rule.maxIncrease() != null && delta > allowed(rule.maxIncrease(), base)
                || rule.maxDecrease() != null && -delta > allowed(rule.maxDecrease(), base);
    }

    private static double allowed(Limit limit, double base) {
        return limit.relative() ? limit.value() * Math.abs(base) : limit.value();
    }

    /** The one-sided p-value that the candidate is slower, or null unless both sides have raw samples. */
    static Double pValueSlower(LatencyHistogram baseline, LatencyHistogram candidate) {
        if (baseline == null || candidate == null || baseline.unitsPerMs() != candidate.unitsPerMs()) {
            return null;
        }
        TreeMap<Long, long[]> bins = new TreeMap<>();
        for (LatencyHistogram.Bin bin : baseline.bins()) {
            bins.computeIfAbsent(bin.key(), k -> new long[2])[0] += bin.count();
        }
        for (LatencyHistogram.Bin bin : candidate.bins()) {
            bins.computeIfAbsent(bin.key(), k -> new long[2])[1] += bin.count();
        }
        double[] values = new double[bins.size()];
        long[] b = new long[bins.size()];
        long[] c = new long[bins.size()];
        int i = 0;
        for (Map.Entry<Long, long[]> e : bins.entrySet()) {
            values[i] = e.getKey();
            b[i] = e.getValue()[0];
            c[i] = e.getValue()[1];
            i++;
        }
        double p = BinnedRankSum.test(values, b, c, Alternative.GREATER).pValue();
        return Double.isNaN(p) ? null : p;
    }
}
