package io.shipwatch.gate;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * A stored canary analysis, from {@code canary judge} (one analyze step with one judgement) or {@code canary run}
 * (every step with its judgements): which canary, for which service, version and deployment (its marker's id, when
 * known), how it ended ({@link #OUTCOMES}), why, and each metric's canary and baseline points with the test result.
 */
public record CanaryAnalysis(String id, String canary, String service, String environment, String version,
        String deploymentId, String kind, String outcome, String reason, Double score, Double confidence,
        Instant startedAt, Instant finishedAt, List<Step> steps) {

    /** A single judgement ({@code canary judge}) or a whole release ({@code canary run}). */
    public static final Set<String> KINDS = Set.of("judge", "run");
    /** A judgement's decision, or how a run ended. */
    public static final Set<String> OUTCOMES = Set.of("promote", "rollback", "inconclusive", "promoted",
            "rolled_back", "action_failed");
    /** The kinds of step, as in a canary spec. */
    public static final Set<String> STEP_KINDS = Set.of("setWeight", "pause", "analyze");

    public CanaryAnalysis {
        steps = List.copyOf(steps);
    }

    /** One step: the canary's weight while it ran, a pause's length, an analysis's phase and counters, judgements. */
    public record Step(String kind, Integer weightPercent, Long pauseMillis, String phase, String summary,
            List<Judged> judgements) {
        public Step {
            judgements = List.copyOf(judgements);
        }
    }

    /** One judgement over a window: the decision, the score, why, and every metric. */
    public record Judged(Instant from, Instant to, String decision, double score, String reason, List<Metric> metrics) {
        public Judged {
            metrics = List.copyOf(metrics);
        }
    }

    /**
     * One metric's classification with both groups' points, the Mann–Whitney p-value and the Hodges–Lehmann shift
     * (canary − baseline) with its interval, each null when not computed.
     */
    public record Metric(String name, String outcome, boolean critical, List<Double> canary, List<Double> baseline,
            Double estimate, Double lower, Double upper, Double pValue, Double effectSize, String reason) {
        public Metric {
            canary = List.copyOf(canary);
            baseline = List.copyOf(baseline);
        }
    }

    /** The stored form of a judgement's metrics, with the points each group had. */
    public static Judged judged(CanaryJudgement j) {
        List<Metric> metrics = j.metrics().stream().map(m -> new Metric(m.name(), m.outcome().wireName(), m.critical(),
                points(m.canary()), points(m.baseline()), m.estimate(), m.lower(), m.upper(), m.pValue(),
                m.effectSize(), m.reason())).toList();
        return new Judged(j.window().from(), j.window().to(), j.decision().wireName(), j.score(), j.reason(), metrics);
    }

    /** The stored form of one {@code canary judge}. */
    public static CanaryAnalysis ofJudgement(String id, CanarySpec spec, CanaryJudgement j, String deploymentId) {
        Step step = new Step("analyze", null, null, null, null, List.of(judged(j)));
        return new CanaryAnalysis(id, spec.name(), spec.service(), spec.canaryVars().get("environment"),
                spec.canaryVars().get("version"), deploymentId, "judge", j.decision().wireName(), j.reason(), j.score(),
                spec.confidence(), j.window().from(), j.window().to(), List.of(step));
    }

    private static List<Double> points(GroupStats g) {
        return java.util.Arrays.stream(g.values()).boxed().toList();
    }
}
