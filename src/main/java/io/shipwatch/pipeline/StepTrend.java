package io.shipwatch.pipeline;

import java.util.List;

/**
 * One step's history over a pipeline's recent runs: its duration in each run it ran in (oldest first), p50 and p95,
 * its failure rate, and when it got slower, if it did.
 *
 * @param slowerSince the label of the first run of the slower stretch, or null when no slowdown was found
 * @param slowdownMillis the Hodges–Lehmann estimate of how much slower, or null
 * @param pValue the one-sided Mann–Whitney p-value of the chosen split, or null
 */
public record StepTrend(
        String name,
        int runs,
        List<Point> durations,
        double p50Millis,
        double p95Millis,
        double failureRate,
        String slowerSince,
        Double slowdownMillis,
        Double pValue) {

    /** One run's duration of the step. */
    public record Point(String traceId, String label, double millis, boolean failed) {
    }
}
