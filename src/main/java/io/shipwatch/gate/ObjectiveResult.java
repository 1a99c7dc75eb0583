package io.shipwatch.gate;

/**
 * The verdict on one objective, with its numbers: the aggregated value, the baseline, the sample count, the outcome,
 * the score it earned out of its weight ({@code scored} false when it does not count) and why.
 */
public record ObjectiveResult(String name, Outcome outcome, Double value, Double baseline, int samples,
        boolean lowSamples, double weight, double score, boolean scored, boolean key, String reason, String query,
        String pass, String warning) {
}
