package io.shipwatch.gate;

/**
 * The counters of one analysis step and their verdict, with Argo Rollouts' semantics: each measurement is
 * successful, failed, inconclusive or error; errors do not consume {@code count} and only a run of more than
 * {@code consecutiveErrorLimit} of them ends the step; the step fails once failures exceed {@code failureLimit}, is
 * inconclusive once inconclusives exceed {@code inconclusiveLimit}, and succeeds when {@code count} measurements
 * were taken without that. Immutable and pure: {@link #record} returns the next state.
 */
public record AnalysisRun(AnalysisLimits limits, int successful, int failed, int inconclusive, int errors, int count,
        int consecutiveErrors) {

    /** A measurement's outcome, as Argo's measurement phases. */
    public enum Measured { SUCCESSFUL, FAILED, INCONCLUSIVE, ERROR }

    /** Where the step stands: still measuring, or ended with this outcome. */
    public enum Phase { RUNNING, SUCCESSFUL, FAILED, INCONCLUSIVE, ERROR }

    public static AnalysisRun start(AnalysisLimits limits) {
        return new AnalysisRun(limits, 0, 0, 0, 0, 0, 0);
    }

    public AnalysisRun record(Measured m) {
        return switch (m) {
            case SUCCESSFUL -> new AnalysisRun(limits, successful + 1, failed, inconclusive, errors, count + 1, 0);
            case FAILED -> new AnalysisRun(limits, successful, failed + 1, inconclusive, errors, count + 1, 0);
            case INCONCLUSIVE -> new AnalysisRun(limits, successful, failed, inconclusive + 1, errors, count + 1, 0);
            case ERROR -> new AnalysisRun(limits, successful, failed, inconclusive, errors + 1, count,
                    consecutiveErrors + 1);
        };
    }

    /** The step's phase after the measurements so far (Argo's assessMetricStatus, in its order). */
    public Phase phase() {
        if (failed > limits.failureLimit()) {
            return Phase.FAILED;
        }
        if (inconclusive > limits.inconclusiveLimit()) {
            return Phase.INCONCLUSIVE;
        }
        if (consecutiveErrors > limits.consecutiveErrorLimit()) {
            return Phase.ERROR;
        }
        if (count >= limits.count()) {
            return Phase.SUCCESSFUL;
        }
        return Phase.RUNNING;
    }

    /** One line of counters for progress displays: "2/5 measured, 0 failed, 1 inconclusive, 3 errors". */
    public String summary() {
        return count + "/" + limits.count() + " measured, " + failed + " failed (limit " + limits.failureLimit() + "), "
                + inconclusive + " inconclusive (limit " + limits.inconclusiveLimit() + "), " + errors + " errors ("
                + consecutiveErrors + " in a row, limit " + limits.consecutiveErrorLimit() + ")";
    }

    /**
     * How a judgement counts as a measurement: promote is successful, rollback failed, inconclusive inconclusive;
     * an unmeasurable metric, or too few points yet, is an error (as Argo counts an empty result): it does not
     * consume count, and only more than consecutiveErrorLimit of them in a row end the step.
     */
    public static Measured measured(CanaryJudgement j) {
        boolean unmeasured = j.tooFewPoints() || j.metrics().stream().anyMatch(m -> m.outcome() == MetricOutcome.ERROR);
        return switch (j.decision()) {
            case PROMOTE -> Measured.SUCCESSFUL;
            case ROLLBACK -> Measured.FAILED;
            case INCONCLUSIVE -> unmeasured ? Measured.ERROR : Measured.INCONCLUSIVE;
        };
    }
}
