package io.shipwatch.gate;

import io.shipwatch.core.TimeWindow;
import java.time.Instant;
import java.util.List;

/**
 * A stored gate evaluation: which gate, for which service, environment, version and deployment (its marker's id,
 * when known), over which window, its result, score and reason, and each objective's measurement. Later evaluations
 * take their baseline from these; a failed one against a deployment counts as a change failure.
 */
public record GateRun(String id, String gate, String service, String environment, String version, String deploymentId,
        GateResult result, Double score, TimeWindow window, Instant evaluatedAt, String reason, List<Measured> objectives) {

    public GateRun {
        objectives = List.copyOf(objectives);
    }

    /** One objective's stored measurement. */
    public record Measured(String name, Double value, String result, int samples) {
    }

    /** The stored form of a verdict. */
    public static GateRun of(String id, GateVerdict v, String service, String environment, String version,
            String deploymentId, Instant evaluatedAt) {
        List<Measured> measured = v.objectives().stream()
                .map(o -> new Measured(o.name(), o.value(), o.outcome().wireName(), o.samples())).toList();
        return new GateRun(id, v.gate(), service, environment, version, deploymentId, v.result(), v.score(), v.window(), evaluatedAt,
                v.reason(), measured);
    }
}
