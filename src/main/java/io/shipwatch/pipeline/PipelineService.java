package io.shipwatch.pipeline;

import io.shipwatch.core.NotFoundException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Pipeline traces on the server: takes spans in, and answers for a run, a pipeline's runs and its step trends. */
public final class PipelineService {
    /** How many runs the trends look back over by default. */
    public static final int DEFAULT_TREND_RUNS = 30;

    private final PipelineStore store;
    private final Clock clock;

    public PipelineService(PipelineStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** A run with its spans and what set its wall time. */
    public record RunView(RunSummary summary, List<PipelineSpan> spans, RunAnalysis analysis) {
    }

    /** Keeps {@code spans}, replacing earlier copies of the same ids. */
    public void ingest(List<PipelineSpan> spans) {
        store.save(spans, clock.millis());
    }

    /**
     * Keeps spans a CI reports while its run goes on (webhooks), where deliveries come twice or out of order: a copy
     * never moves a span back. A finished span is not replaced by an unfinished copy, nor an unfinished one by an
     * unfinished copy that ends earlier. Returns how many spans were written.
     */
    public int ingestReported(List<PipelineSpan> spans) {
        Map<String, Map<String, PipelineSpan>> stored = new HashMap<>();
        List<PipelineSpan> newer = new ArrayList<>();
        for (PipelineSpan s : spans) {
            PipelineSpan old = stored.computeIfAbsent(s.traceId(), t -> byId(store.spans(t))).get(s.spanId());
            if (advances(old, s)) {
                newer.add(s);
            }
        }
        if (!newer.isEmpty()) {
            store.save(newer, clock.millis());
        }
        return newer.size();
    }

    static boolean advances(PipelineSpan old, PipelineSpan copy) {
        if (old == null || !copy.unfinished()) {
            return true;
        }
        return old.unfinished() && copy.endNanos() >= old.endNanos();
    }

    private static Map<String, PipelineSpan> byId(List<PipelineSpan> spans) {
        Map<String, PipelineSpan> byId = new HashMap<>();
        spans.forEach(s -> byId.put(s.spanId(), s));
        return byId;
    }

    public RunView run(String traceId) {
        if (!TraceIds.isTraceId(traceId)) {
            throw new NotFoundException("traceId", "'" + traceId + "' is not a trace id",
                    "use the 32 hex digits of a run's trace id");
        }
        List<PipelineSpan> spans = store.spans(traceId);
        RunSummary summary = store.run(traceId).orElse(null);
        if (spans.isEmpty() || summary == null) {
            throw new NotFoundException("traceId", "no run with trace id " + traceId, "list runs at /api/v1/pipelines/{name}/runs");
        }
        return new RunView(summary, spans, CriticalPath.analyze(spans));
    }

    public List<PipelineSummary> pipelines(int limit) {
        return store.pipelines(limit);
    }

    public List<RunSummary> runs(String pipeline, int limit) {
        return store.runs(pipeline, limit);
    }

    /** Each step's trend over the pipeline's newest {@code runs} runs. */
    public List<StepTrend> trends(String pipeline, int runs) {
        List<RunSteps> history = store.runs(pipeline, runs).stream()
                .map(r -> new RunSteps(r.traceId(), label(r), r.startNanos(), store.spans(r.traceId())))
                .toList();
        return StepTrends.of(history);
    }

    /** How people name a run: its CI run number (with the attempt past the first), else its trace id's start. */
    static String label(RunSummary r) {
        if (r.runId() == null) {
            return r.traceId().substring(0, 8);
        }
        return "#" + r.runId() + (r.attempt() == null || r.attempt().equals("1") ? "" : " attempt " + r.attempt());
    }
}
