package io.shipwatch.pipeline;

import java.util.List;


/**
 * What the pipeline pages show of one run (one trace): its pipeline, CI run id and attempt, wall time, result and
 * bottleneck. Made from the trace's spans by {@link #of}; stored beside them.
 */
public record RunSummary(
        String traceId,
        String pipeline,
        String rootSpanId,
        String runId,
        String attempt,
        long startNanos,
        long endNanos,
        SpanStatus status,
        String result,
        String commitSha,
        String repositoryUrl,
        String bottleneck,
        int spanCount) {

    public long durationMillis() {
        return Math.max(0, endNanos - startNanos) / 1_000_000;
    }

    /** The summary of one trace's spans (not empty): the root is the longest span without a parent in the trace. */
    public static RunSummary of(List<PipelineSpan> spans) {
        java.util.Set<String> ids = new java.util.HashSet<>();
        spans.forEach(s -> ids.add(s.spanId()));
        List<PipelineSpan> roots = spans.stream()
                .filter(s -> s.parentSpanId() == null || !ids.contains(s.parentSpanId()))
                .toList();
        PipelineSpan root = roots.stream()
                .max(java.util.Comparator.comparingLong(PipelineSpan::durationNanos).thenComparing(PipelineSpan::spanId))
                .orElseThrow(() -> new IllegalArgumentException("a trace needs at least one span"));
        RunAnalysis analysis = CriticalPath.analyze(spans);
        long start = spans.stream().mapToLong(PipelineSpan::startNanos).min().orElseThrow();
        // a test suite's report running past its step is not time the run took
        long end = spans.stream().mapToLong(s -> analysis.clipped().containsKey(s.spanId())
                ? analysis.clipped().get(s.spanId()).endNanos() : s.endNanos()).max().orElseThrow();
        String pipeline = first(spans, root, "cicd.pipeline.name");
        if (pipeline == null) {
            pipeline = root.attribute("service.name") != null ? root.attribute("service.name") : root.name();
        }
        String result = first(spans, root, "cicd.pipeline.result");
        SpanStatus status = roots.stream().anyMatch(r -> r.status() == SpanStatus.ERROR) ? SpanStatus.ERROR : root.status();
        return new RunSummary(root.traceId(), pipeline, root.spanId(), first(spans, root, "cicd.pipeline.run.id"),
                first(spans, root, "shipwatch.run.attempt"), start, end, status, result,
                first(spans, root, "vcs.ref.head.revision"), first(spans, root, "vcs.repository.url.full"),
                analysis.bottleneck(), spans.size());
    }

    /** The attribute on the root, else on the first span that has it (a live job's span carries the run's). */
    private static String first(List<PipelineSpan> spans, PipelineSpan root, String key) {
        if (root.attribute(key) != null) {
            return root.attribute(key);
        }
        return spans.stream().map(s -> s.attribute(key)).filter(v -> v != null).findFirst().orElse(null);
    }
}
