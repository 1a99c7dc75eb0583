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
 * @param windows    per label, only for raw formats: the first sample's start and the last one's end, so that results
 *                   of one run in several files merge into exact throughputs (empty otherwise)
 */
public record LoadTestResult(String format, String source, boolean raw, Instant startedAt, Instant endedAt,
                             LabelSummary total, List<LabelSummary> labels, Map<String, LatencyHistogram> histograms,
                             List<Threshold> thresholds, List<String> notes, Map<String, Window> windows) {

    public LoadTestResult {
        labels = List.copyOf(labels);
        histograms = Map.copyOf(histograms);
        thresholds = List.copyOf(thresholds);
        notes = List.copyOf(notes);
        windows = Map.copyOf(windows);
    }

    /** A result without per-label windows: pre-aggregated reports, and runs read back from the server. */
    public LoadTestResult(String format, String source, boolean raw, Instant startedAt, Instant endedAt,
                          LabelSummary total, List<LabelSummary> labels, Map<String, LatencyHistogram> histograms,
                          List<Threshold> thresholds, List<String> notes) {
        this(format, source, raw, startedAt, endedAt, total, labels, histograms, thresholds, notes, Map.of());
    }

    /** The label's statistics, if the file has that label. */
    public Optional<LabelSummary> label(String name) {
        return labels.stream().filter(l -> l.label().equals(name)).findFirst();
    }

    /** When a label's first sample started and its last one ended, in epoch microseconds. */
    public record Window(long firstStartMicros, long lastEndMicros) {
    }

    /** One threshold as the load tool itself judged it. */
    public record Threshold(String metric, String expression, boolean ok) {
    }
}
