package io.shipwatch.pipeline;

import java.util.List;
import java.util.Optional;

/** Where pipeline spans and run summaries are kept; implemented in {@code store} for SQLite and PostgreSQL. */
public interface PipelineStore {

    /**
     * Writes {@code spans} (replacing any with the same trace and span id) and the summary of every trace they
     * touch, made by {@link RunSummary#of} from all of that trace's spans, in one transaction.
     */
    void save(List<PipelineSpan> spans, long receivedAtMillis);

    /** The spans of one trace, by start time; empty when the trace is unknown. */
    List<PipelineSpan> spans(String traceId);

    Optional<RunSummary> run(String traceId);

    /** The newest {@code limit} runs of a pipeline, newest first. */
    List<RunSummary> runs(String pipeline, int limit);

    /** The first {@code limit} pipelines by name, each with its newest run. */
    List<PipelineSummary> pipelines(int limit);
}
