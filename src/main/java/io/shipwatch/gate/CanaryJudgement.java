package io.shipwatch.gate;

import io.shipwatch.core.TimeWindow;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One canary judgement over a window: the decision, the score, why, every metric with its numbers, and whether it
 * is inconclusive only because too few points were seen yet.
 */
public record CanaryJudgement(String canary, Decision decision, double score, String reason, TimeWindow window,
        List<MetricJudgement> metrics, boolean tooFewPoints) {

    public CanaryJudgement {
        metrics = List.copyOf(metrics);
    }

    /** The JSON shape of {@code canary judge --output json}. */
    public Map<String, Object> toMap() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("canary", canary);
        out.put("decision", decision.wireName());
        out.put("score", score);
        out.put("reason", reason);
        out.put("tooFewPoints", tooFewPoints);
        out.put("window", Map.of("start", window.from().toString(), "end", window.to().toString()));
        List<Map<String, Object>> list = new ArrayList<>();
        for (MetricJudgement m : metrics) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("name", m.name());
            o.put("outcome", m.outcome().wireName());
            o.put("critical", m.critical());
            o.put("canary", group(m.canary()));
            o.put("baseline", group(m.baseline()));
            o.put("estimate", m.estimate());
            o.put("interval", m.lower() == null ? null : Arrays.asList(m.lower(), m.upper()));
            o.put("pValue", m.pValue());
            o.put("effectSize", m.effectSize());
            o.put("lowSamples", m.lowSamples());
            o.put("reason", m.reason());
            list.add(o);
        }
        out.put("metrics", list);
        return out;
    }

    private static Map<String, Object> group(GroupStats g) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("samples", g.samples());
        out.put("dropped", g.dropped());
        out.put("mean", Double.isNaN(g.mean()) ? null : g.mean());
        return out;
    }
}
