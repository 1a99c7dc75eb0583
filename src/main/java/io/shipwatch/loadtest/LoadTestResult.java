package io.shipwatch.loadtest;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What one load-test result file says: per-label and total statistics, the test window when the file has times,
 * and for raw per-request formats the latency histogram of every label (for significance tests and baselines).
 *
 * @param format     the parser's name, such as {@code jmeter-csv}
 * @param source     the file it was read from
 * @param raw        true when computed from every request; false for a tool's pre-aggregated report
 * @param histograms per label, only for raw formats (empty otherwise)
 * @param thresholds the tool's own threshold verdicts when the file carries them (k6 summaries)
 * @param notes      how the numbers were obtained, for the reader (percentile definition, assumptions)
 */
public record LoadTestResult(String format, String source, boolean raw, Instant startedAt, Instant endedAt,
                             LabelSummary total, List<LabelSummary> labels, Map<String, LatencyHistogram> histograms,
                             List<Threshold> thresholds, List<String> notes) {

    public LoadTestResult {
        labels = List.copyOf(labels);
        histograms = Map.copyOf(histograms);
        thresholds = List.copyOf(thresholds);
        notes = List.copyOf(notes);
    }

    /** The label's statistics, if the file has that label. */
    public Optional<LabelSummary> label(String name) {
        return labels.stream().filter(l -> l.label().equals(name)).findFirst();
    }

    /** One threshold as the load tool itself judged it. */
    public record Threshold(String metric, String expression, boolean ok) {
    }
}
