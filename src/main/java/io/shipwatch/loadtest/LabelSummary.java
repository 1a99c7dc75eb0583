package io.shipwatch.loadtest;

/**
 * The statistics of one label (or of the whole run) in a load test, in milliseconds. A field is null when the
 * source does not carry it: pre-aggregated reports hold only the metrics their tool computed, and none are invented.
 */
public record LabelSummary(String label, long count, Long errors, Double throughputPerSecond, Double meanMs,
                           Double minMs, Double maxMs, Double p50Ms, Double p90Ms, Double p95Ms, Double p99Ms,
                           Double p999Ms) {

    /** Failed requests over all requests, as a fraction; null when the source does not count failures. */
    public Double errorRate() {
        if (errors == null) {
            return null;
        }
        return count == 0 ? 0.0 : (double) errors / count;
    }

    /** The value of a metric by its rule name ({@code p95}, {@code mean}, {@code errorRate}, {@code throughput}). */
    public Double metric(Metric metric) {
        return switch (metric) {
            case MEAN -> meanMs;
            case MIN -> minMs;
            case MAX -> maxMs;
            case P50 -> p50Ms;
            case P90 -> p90Ms;
            case P95 -> p95Ms;
            case P99 -> p99Ms;
            case P999 -> p999Ms;
            case ERROR_RATE -> errorRate();
            case THROUGHPUT -> throughputPerSecond;
            case COUNT -> (double) count;
        };
    }

    /** The same statistics under another label. */
    public LabelSummary withLabel(String newLabel) {
        return new LabelSummary(newLabel, count, errors, throughputPerSecond, meanMs, minMs, maxMs, p50Ms, p90Ms,
                p95Ms, p99Ms, p999Ms);
    }
}
