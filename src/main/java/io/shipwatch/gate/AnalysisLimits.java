package io.shipwatch.gate;

import java.time.Duration;

/**
 * How a canary step's repeated analyses are run and decided, with Argo Rollouts' meaning: {@code interval} between
 * measurements, {@code count} of measurements, and the failure, inconclusive and consecutive-error limits (a limit
 * is exceeded when the counter goes above it). {@code minSamples} is Shipwatch's own: fewer points never promote.
 */
public record AnalysisLimits(Duration interval, int count, int failureLimit, int inconclusiveLimit,
        int consecutiveErrorLimit, int minSamples) {

    public static final AnalysisLimits DEFAULT = new AnalysisLimits(Duration.ofMinutes(1), 5, 0, 0, 4, 10);
}
