package io.shipwatch.gate;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A parsed gate spec: the provider, the default window and step, the objectives, the baseline and the score
 * thresholds. {@code vars} are the values {@code {{name}}} placeholders were filled with.
 */
public record GateSpec(String name, ProviderSpec provider, Duration window, Duration step, List<Objective> objectives,
        BaselineSpec baseline, double passScore, double warningScore, int minSamples, Map<String, String> vars,
        String source) {

    public GateSpec {
        objectives = List.copyOf(objectives);
        vars = Map.copyOf(vars);
    }
}
