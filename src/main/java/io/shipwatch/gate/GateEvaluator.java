package io.shipwatch.gate;

import io.shipwatch.core.TimeWindow;
import io.shipwatch.providers.MetricsProvider;
import io.shipwatch.providers.ProviderException;
import io.shipwatch.providers.Series;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Evaluates a gate spec over a window: runs each objective's range query on the provider, fetches its baseline,
 * judges it ({@link ObjectiveJudge}) and scores the gate ({@link GateScore}). A provider error makes that objective
 * {@code error} (with the backend's own message) and the gate {@code error}, never a pass.
 */
public final class GateEvaluator {
    private final MetricsProvider provider;

    public GateEvaluator(MetricsProvider provider) {
        this.provider = provider;
    }

    public GateVerdict evaluate(GateSpec spec, TimeWindow window, BaselineSource previous) {
        List<ObjectiveResult> results = new ArrayList<>();
        for (Objective o : spec.objectives()) {
            String query = Templates.fill(o.query(), spec.vars(), o.where());
            Measurement m = measure(provider, query, window, spec.step());
            Baseline baseline = baseline(spec, o, window, previous);
            if (baseline.value() != null && baseline.value().isNaN() && !m.failed()) {
                m = Measurement.failed(baseline.description());
            }
            results.add(ObjectiveJudge.judge(o, m, baseline, query, spec.minSamples()));
        }
        GateScore score = GateScore.of(results, spec.passScore(), spec.warningScore());
        return new GateVerdict(spec.name(), score.result(), score.score(), score.reason(), window, spec.passScore(),
                spec.warningScore(), results, spec.vars());
    }

    private Baseline baseline(GateSpec spec, Objective o, TimeWindow window, BaselineSource previous) {
        if (!o.pass().usesBaseline() && !o.warning().usesBaseline()) {
            return Baseline.none("no relative criteria");
        }
        if (!spec.baseline().pinned()) {
            return previous.baseline(o);
        }
        Map<String, String> vars = new HashMap<>(spec.vars());
        vars.put("version", spec.baseline().version());
        String query = Templates.fill(o.query(), vars, o.where());
        Measurement m = measure(provider, query, window, spec.step());
        String what = "version " + spec.baseline().version() + " over the same window";
        if (m.failed()) {
            // NaN marks a baseline that could not be had: the objective becomes an error, not a skipped criterion
            return new Baseline(Double.NaN, "the baseline query (" + what + ") failed: " + m.error());
        }
        if (m.samples() == 0) {
            return Baseline.none("no data for " + what);
        }
        return new Baseline(o.aggregate().apply(m.values()), what + ", " + m.samples() + " points");
    }

    /** Runs one range query; one series is expected; NaN points are kept here and dropped by whoever judges. */
    static Measurement measure(MetricsProvider provider, String query, TimeWindow window, Duration step) {
        List<Series> series;
        try {
            series = provider.queryRange(query, window, step);
        } catch (ProviderException e) {
            return Measurement.failed(e.getMessage());
        }
        if (series.size() > 1) {
            return Measurement.failed("the query returned " + series.size() + " series, expected one; aggregate it, "
                    + "such as sum(...) or avg(...)");
        }
        if (series.isEmpty()) {
            return Measurement.of(new double[0]);
        }
        return Measurement.of(series.get(0).points().stream().mapToDouble(Series.Point::value).toArray());
    }
}
