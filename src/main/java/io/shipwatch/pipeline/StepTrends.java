package io.shipwatch.pipeline;

import io.shipwatch.stats.Alternative;
import io.shipwatch.stats.MannWhitney;
import io.shipwatch.stats.MannWhitneyResult;
import io.shipwatch.stats.Percentiles;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Per-step trends across a pipeline's runs: p50/p95 duration (nearest rank), failure rate, and the "got slower"
 * flag. A step is flagged when some split of its history into an earlier and a later stretch (each of at least
 * {@link #MIN_SAMPLES} runs) makes the later one slower by a one-sided Mann–Whitney test at p below {@link #ALPHA},
 * and the estimated shift is at least {@link #MIN_RELATIVE} of the earlier median and {@link #MIN_SHIFT_MILLIS}:
 * noise and trivially small shifts raise no flag. Steps are the spans below a run's root, named alike across runs.
 */
public final class StepTrends {
    static final int MIN_SAMPLES = 5;
    static final double ALPHA = 0.01;
    static final double MIN_RELATIVE = 0.10;
    static final double MIN_SHIFT_MILLIS = 50;

    private StepTrends() {
    }

    /** The trends of every step of {@code runs}, in the order steps first appear; runs are sorted oldest first. */
    public static List<StepTrend> of(List<RunSteps> runs) {
        List<RunSteps> ordered = runs.stream().sorted(Comparator.comparingLong(RunSteps::startNanos)).toList();
        Map<String, List<StepTrend.Point>> byName = new LinkedHashMap<>();
        for (RunSteps run : ordered) {
            Map<String, StepTrend.Point> once = new LinkedHashMap<>(); // a name twice in one run: the longer counts
            for (PipelineSpan s : run.spans()) {
                if (s.parentSpanId() == null || "test".equals(s.attribute("shipwatch.span.type"))) {
                    continue;
                }
                StepTrend.Point p = new StepTrend.Point(run.traceId(), run.label(), s.durationNanos() / 1e6,
                        s.status() == SpanStatus.ERROR);
                once.merge(s.name(), p, (a, b) -> a.millis() >= b.millis() ? a : b);
            }
            once.forEach((name, p) -> byName.computeIfAbsent(name, k -> new ArrayList<>()).add(p));
        }
        List<StepTrend> trends = new ArrayList<>();
        byName.forEach((name, points) -> trends.add(trend(name, points)));
        return trends;
    }

    static StepTrend trend(String name, List<StepTrend.Point> points) {
        double[] millis = points.stream().mapToDouble(StepTrend.Point::millis).toArray();
        double[] sorted = Arrays.stream(millis).sorted().toArray();
        double failures = points.stream().filter(StepTrend.Point::failed).count();
        Slowdown slowdown = slowdown(millis);
        return new StepTrend(name, points.size(), List.copyOf(points),
                Percentiles.nearestRank(sorted, 0.5), Percentiles.nearestRank(sorted, 0.95),
                failures / points.size(),
                slowdown == null ? null : points.get(slowdown.from).label(),
                slowdown == null ? null : slowdown.result.estimate(),
                slowdown == null ? null : slowdown.result.pValue());
    }

    /** The split whose later stretch is most significantly slower, when it passes the thresholds; else null. */
    static Slowdown slowdown(double[] millis) {
        Slowdown best = null;
        for (int from = MIN_SAMPLES; from <= millis.length - MIN_SAMPLES; from++) {
            double[] before = Arrays.copyOfRange(millis, 0, from);
            double[] after = Arrays.copyOfRange(millis, from, millis.length);
            MannWhitneyResult r = MannWhitney.test(before, after, 0.95, Alternative.GREATER);
            double baseline = Percentiles.median(before);
            boolean large = r.estimate() >= MIN_SHIFT_MILLIS && r.estimate() >= MIN_RELATIVE * baseline;
            if (r.pValue() < ALPHA && large && (best == null || r.pValue() < best.result.pValue())) {
                best = new Slowdown(from, r);
            }
        }
        return best;
    }

    record Slowdown(int from, MannWhitneyResult result) {
    }
}
