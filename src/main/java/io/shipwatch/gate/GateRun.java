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
        GateResult result, Double score, TimeWindow window, Instant evaluatedAt, String reason, List<Measured> objectives,
        Double passTarget, Double warningTarget) {

    public GateRun {
        objectives = List.copyOf(objectives);
    }

    /** A result without the total score's pass and warning targets (as stored before they were kept). */
    public GateRun(String id, String gate, String service, String environment, String version, String deploymentId,
            GateResult result, Double score, TimeWindow window, Instant evaluatedAt, String reason,
            List<Measured> objectives) {
        this(id, gate, service, environment, version, deploymentId, result, score, window, evaluatedAt, reason,
                objectives, null, null);
    }

    /**
     * One objective's stored measurement, and for the web page what judged it: the score earned out of its weight,
     * whether it is a key objective, its pass and warning criteria, the query, the baseline and why (each null when not
     * known).
     */
    public record Measured(String name, Double value, String result, int samples, Double score, Double weight,
            Boolean key, String pass, String warning, String query, Double baseline, String reason) {

        public Measured(String name, Double value, String result, int samples) {
            this(name, value, result, samples, null, null, null, null, null, null, null, null);
        }
    }

    /** The stored form of a verdict. */
    public static GateRun of(String id, GateVerdict v, String service, String environment, String version,
            String deploymentId, Instant evaluatedAt) {
        List<Measured> measured = v.objectives().stream()
                .map(o -> new Measured(o.name(), o.value(), o.outcome().wireName(), o.samples(),
                        o.scored() ? o.score() : null, o.weight(), o.key(), o.pass().isEmpty() ? null : o.pass(),
                        o.warning(), o.query(), o.baseline(), o.reason())).toList();
        return new GateRun(id, v.gate(), service, environment, version, deploymentId, v.result(), v.score(), v.window(), evaluatedAt,
                v.reason(), measured, v.passScore(), v.warningScore());
    }
}
