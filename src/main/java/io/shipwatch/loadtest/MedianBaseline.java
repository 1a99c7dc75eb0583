package io.shipwatch.loadtest;

import io.shipwatch.stats.Percentiles;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * A baseline made of several runs, for environments too noisy for one: every metric of every label is the median of
 * that metric over the runs that have the label. Where every run has raw samples of a label, their histograms are
 * pooled, so significance is tested against all of them.
 */
public final class MedianBaseline {
    private MedianBaseline() {
    }

    /** One run stays as it is; several become their per-metric medians. */
    public static LoadTestResult of(List<LoadTestResult> runs) {
        if (runs.isEmpty()) {
            throw new IllegalArgumentException("a baseline needs at least one run");
        }
        if (runs.size() == 1) {
            return runs.get(0);
        }
        Set<String> names = new LinkedHashSet<>();
        runs.forEach(r -> r.labels().forEach(l -> names.add(l.label())));
        List<LabelSummary> labels = new ArrayList<>();
        Map<String, LatencyHistogram> histograms = new LinkedHashMap<>();
        for (String name : names) {
            List<LabelSummary> present = runs.stream().map(r -> r.label(name).orElse(null)).filter(Objects::nonNull).toList();
            labels.add(median(name, present));
            LatencyHistogram pooled = pool(runs, name);
            if (pooled != null) {
                histograms.put(name, pooled);
            }
        }
        LabelSummary total = median("total", runs.stream().map(LoadTestResult::total).toList());
        String sources = String.join(" + ", runs.stream().map(LoadTestResult::source).toList());
        boolean raw = runs.stream().allMatch(LoadTestResult::raw);
        return new LoadTestResult(runs.get(0).format(), "median of " + runs.size() + " runs (" + sources + ")", raw,
                runs.get(0).startedAt(), runs.get(runs.size() - 1).endedAt(), total, labels, histograms, List.of(),
                List.of("each metric is the median over " + runs.size() + " runs"));
    }

    private static LatencyHistogram pool(List<LoadTestResult> runs, String name) {
        LatencyHistogram pooled = null;
        for (LoadTestResult run : runs) {
            LatencyHistogram h = run.histograms().get(name);
            if (h == null || pooled != null && pooled.unitsPerMs() != h.unitsPerMs()) {
                return null;
            }
            if (pooled == null) {
                pooled = new LatencyHistogram(h.unitsPerMs());
            }
            pooled.add(h);
        }
        return pooled;
    }

    private static LabelSummary median(String name, List<LabelSummary> runs) {
        Double count = median(runs, l -> (double) l.count());
        Double errors = median(runs, l -> l.errors() == null ? null : l.errors().doubleValue());
        return new LabelSummary(name, Math.round(count), errors == null ? null : Math.round(errors),
                median(runs, LabelSummary::throughputPerSecond), median(runs, LabelSummary::meanMs),
                median(runs, LabelSummary::minMs), median(runs, LabelSummary::maxMs), median(runs, LabelSummary::p50Ms),
                median(runs, LabelSummary::p90Ms), median(runs, LabelSummary::p95Ms), median(runs, LabelSummary::p99Ms),
                median(runs, LabelSummary::p999Ms));
    }

    /** The median over the runs that have the metric, or null when none has it. */
    private static Double median(List<LabelSummary> runs, Function<LabelSummary, Double> metric) {
        double[] values = runs.stream().map(metric).filter(Objects::nonNull).mapToDouble(Double::doubleValue).toArray();
        return values.length == 0 ? null : Percentiles.median(values);
    }
}
