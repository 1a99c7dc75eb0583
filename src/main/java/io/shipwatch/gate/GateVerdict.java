package io.shipwatch.gate;

import io.shipwatch.core.TimeWindow;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A gate's evaluation: the result, the Keptn score, why, the window and every objective with its numbers. */
public record GateVerdict(String gate, GateResult result, Double score, String reason, TimeWindow window,
        double passScore, double warningScore, List<ObjectiveResult> objectives, Map<String, String> vars) {

    public GateVerdict {
        objectives = List.copyOf(objectives);
        vars = Map.copyOf(vars);
    }

    /** The JSON shape of {@code --output json} and the API: {@code {"result", "score", "objectives": [...]}}. */
    public Map<String, Object> toMap() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("gate", gate);
        out.put("result", result.wireName());
        out.put("score", score == null ? null : round(score));
        out.put("reason", reason);
        out.put("window", Map.of("start", window.from().toString(), "end", window.to().toString()));
        out.put("totalScore", Map.of("pass", passScore, "warning", warningScore));
        List<Map<String, Object>> list = new ArrayList<>();
        for (ObjectiveResult r : objectives) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("name", r.name());
            o.put("value", r.value());
            o.put("baseline", r.baseline());
            o.put("samples", r.samples());
            o.put("lowSamples", r.lowSamples());
            o.put("result", r.outcome().wireName());
            o.put("score", r.scored() ? round(r.score()) : null);
            o.put("weight", r.weight());
            o.put("key", r.key());
            o.put("pass", r.pass().isEmpty() ? null : r.pass());
            o.put("warning", r.warning());
            o.put("reason", r.reason());
            o.put("query", r.query());
            list.add(o);
        }
        out.put("objectives", list);
        if (!vars.isEmpty()) {
            out.put("vars", new java.util.TreeMap<>(vars));
        }
        return out;
    }

    private static double round(double v) {
        return Math.round(v * 1e6) / 1e6;
    }
}
