package io.shipwatch.loadtest;

import io.shipwatch.core.InputException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Collects per-request samples as a raw parser streams them, keeping per label only counters and a histogram, so
 * memory grows with the number of labels and not with the file.
 */
final class RawResults {
    static final String PERCENTILE_NOTE = "percentiles are nearest-rank (the value at rank ceil(p*N)) over every "
            + "sample, exact to the input's resolution up to " + LatencyHistogram.EXACT_UNITS
            + " units and within 0.006% above; throughput is count over first start to last end";

    private final String format;
    private final String source;
    private final int unitsPerMs;
    private final Map<String, Label> labels = new LinkedHashMap<>();

    RawResults(String format, String source, int unitsPerMs) {
        this.format = format;
        this.source = source;
        this.unitsPerMs = unitsPerMs;
    }

    /** One request: its latency, whether it succeeded, and when it started and ended (epoch microseconds). */
    void add(String label, double elapsedMs, boolean success, long startMicros, long endMicros) {
        Label l = labels.get(label);
        if (l == null) {
            l = new Label(new LatencyHistogram(unitsPerMs));
            labels.put(label, l);
        }
        l.histogram.record(elapsedMs);
        l.sumMs += elapsedMs;
        if (!success) {
            l.errors++;
        }
        l.firstStartMicros = Math.min(l.firstStartMicros, startMicros);
        l.lastEndMicros = Math.max(l.lastEndMicros, endMicros);
    }

    boolean isEmpty() {
        return labels.isEmpty();
    }

    /** The whole result; a file without a single request is bad input, said with {@code hint}. */
    LoadTestResult build(String hint, List<String> extraNotes) {
        if (labels.isEmpty()) {
            throw new InputException(source, "no requests in the file", hint);
        }
        List<LabelSummary> summaries = new ArrayList<>();
        Map<String, LatencyHistogram> histograms = new LinkedHashMap<>();
        Label total = new Label(new LatencyHistogram(unitsPerMs));
        for (Map.Entry<String, Label> e : labels.entrySet()) {
            Label l = e.getValue();
            summaries.add(l.summary(e.getKey()));
            histograms.put(e.getKey(), l.histogram);
            total.histogram.add(l.histogram);
            total.sumMs += l.sumMs;
            total.errors += l.errors;
            total.firstStartMicros = Math.min(total.firstStartMicros, l.firstStartMicros);
            total.lastEndMicros = Math.max(total.lastEndMicros, l.lastEndMicros);
        }
        List<String> notes = new ArrayList<>(List.of(PERCENTILE_NOTE));
        notes.addAll(extraNotes);
        return new LoadTestResult(format, source, true, micros(total.firstStartMicros), micros(total.lastEndMicros),
                total.summary("total"), summaries, histograms, List.of(), notes);
    }

    private static Instant micros(long epochMicros) {
        return Instant.ofEpochSecond(Math.floorDiv(epochMicros, 1_000_000L),
                Math.floorMod(epochMicros, 1_000_000L) * 1000L);
    }

    private static final class Label {
        final LatencyHistogram histogram;
        long errors;
        double sumMs;
        long firstStartMicros = Long.MAX_VALUE;
        long lastEndMicros = Long.MIN_VALUE;

        Label(LatencyHistogram histogram) {
            this.histogram = histogram;
        }

        LabelSummary summary(String name) {
            long n = histogram.count();
            long spanMicros = lastEndMicros - firstStartMicros;
            Double throughput = spanMicros > 0 ? n / (spanMicros / 1e6) : null;
            return new LabelSummary(name, n, errors, throughput, sumMs / n, histogram.minMs(), histogram.maxMs(),
                    histogram.percentile(0.50), histogram.percentile(0.90), histogram.percentile(0.95),
                    histogram.percentile(0.99), histogram.percentile(0.999));
        }
    }
}
