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
        Label l = label(label);
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

    /** Adds every sample counted in {@code other} (of the same resolution), keeping labels in first-seen order. */
    void addAll(RawResults other) {
        other.labels.forEach((name, l) -> label(name).add(l));
    }

    /** The label's counters, new ones at most {@link LoadTestRunJson#MAX_LABELS}: memory stays bounded. */
    private Label label(String name) {
        Label l = labels.get(name);
        if (l == null) {
            if (labels.size() >= LoadTestRunJson.MAX_LABELS) {
                throw new InputException(source, "has more than " + LoadTestRunJson.MAX_LABELS + " distinct labels ('"
                        + (name.length() > 80 ? name.substring(0, 80) + "…" : name) + "' is one more)",
                        "group requests under fewer labels, such as URLs without their ids (JMeter: sampler names; "
                        + "k6: a name tag; Gatling: request names)");
            }
            l = new Label(new LatencyHistogram(unitsPerMs));
            labels.put(name, l);
        }
        return l;
    }

    /**
     * One result of several raw results of the same format, as if their samples were in one file: counts, errors and
     * histograms added, each window from the earliest start to the latest end. Their sources are named together.
     */
    static LoadTestResult merge(List<LoadTestResult> results) {
        LoadTestResult first = results.get(0);
        int unitsPerMs = first.histograms().values().iterator().next().unitsPerMs();
        List<String> sources = new ArrayList<>();
        RawResults merged = null;
        for (LoadTestResult r : results) {
            sources.add(r.source());
            if (merged == null) {
                merged = new RawResults(r.format(), "", unitsPerMs);
            }
            for (LabelSummary s : r.labels()) {
                LoadTestResult.Window w = r.windows().get(s.label());
                Label l = new Label(r.histograms().get(s.label()));
                l.errors = s.errors();
                l.sumMs = s.meanMs() * s.count();
                l.firstStartMicros = w.firstStartMicros();
                l.lastEndMicros = w.lastEndMicros();
                merged.label(s.label()).add(l);
            }
        }
        LoadTestResult built = merged.build("", List.of());
        List<String> notes = new ArrayList<>(first.notes());
        notes.add("merged from " + results.size() + " files: counts, errors and histograms added per label; "
                + "the window runs from the earliest start to the latest end");
        return new LoadTestResult(built.format(), String.join(", ", sources), true, built.startedAt(),
                built.endedAt(), built.total(), built.labels(), built.histograms(), List.of(), notes, built.windows());
    }

    /** The whole result; a file without a single request is bad input, said with {@code hint}. */
    LoadTestResult build(String hint, List<String> extraNotes) {
        if (labels.isEmpty()) {
            throw new InputException(source, "no requests in the file", hint);
        }
        List<LabelSummary> summaries = new ArrayList<>();
        Map<String, LatencyHistogram> histograms = new LinkedHashMap<>();
        Map<String, LoadTestResult.Window> windows = new LinkedHashMap<>();
        Label total = new Label(new LatencyHistogram(unitsPerMs));
        for (Map.Entry<String, Label> e : labels.entrySet()) {
            Label l = e.getValue();
            summaries.add(l.summary(e.getKey()));
            histograms.put(e.getKey(), l.histogram);
            windows.put(e.getKey(), new LoadTestResult.Window(l.firstStartMicros, l.lastEndMicros));
            total.add(l);
        }
        List<String> notes = new ArrayList<>(List.of(PERCENTILE_NOTE));
        notes.addAll(extraNotes);
        return new LoadTestResult(format, source, true, micros(total.firstStartMicros), micros(total.lastEndMicros),
                total.summary("total"), summaries, histograms, List.of(), notes, windows);
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

        void add(Label other) {
            histogram.add(other.histogram);
            sumMs += other.sumMs;
            errors += other.errors;
            firstStartMicros = Math.min(firstStartMicros, other.firstStartMicros);
            lastEndMicros = Math.max(lastEndMicros, other.lastEndMicros);
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
