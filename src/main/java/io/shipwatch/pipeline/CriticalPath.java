package io.shipwatch.pipeline;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds the critical path of one trace, as Jaeger's critical-path view does: walking back from a span's end, the
 * child that finished last before that point set it; recurse into that child, then go on from the child's start.
 * Time no child covers is the span's own. Parallel jobs that finished earlier are off the path; queue time, kept as
 * a child span of its job, is on it when it delayed the job. Pure: spans in, analysis out.
 *
 * <p>First every span is clipped to its parent's (clipped) time, as Jaeger's {@code sanitizeOverFlowingChildren}
 * does: imported JUnit suites are laid end to end from their step's start and may add up to more than the step took
 * (parallel forks), and that overhang is not time the run spent, so it must not put a suite or its cases on the path.
 */
public final class CriticalPath {
    private static final Comparator<PipelineSpan> LATEST_END_FIRST = Comparator
            .comparingLong(PipelineSpan::endNanos).reversed()
            .thenComparingLong(PipelineSpan::startNanos) // on a tie (1 s clocks), the longer span
            .thenComparing(PipelineSpan::spanId);

    private final Map<String, PipelineSpan> byId = new LinkedHashMap<>();
    private final Map<String, List<PipelineSpan>> children = new HashMap<>();
    private final Map<String, Long> critical = new LinkedHashMap<>();
    private final Map<String, Integer> depth = new HashMap<>();

    private final Map<String, RunAnalysis.Clip> clipped = new LinkedHashMap<>();

    private CriticalPath(List<PipelineSpan> spans) {
        spans.forEach(s -> byId.put(s.spanId(), s));
        for (PipelineSpan s : byId.values()) {
            if (s.parentSpanId() != null && byId.containsKey(s.parentSpanId())) {
                children.computeIfAbsent(s.parentSpanId(), k -> new ArrayList<>()).add(s);
            }
        }
        byId.values().stream().filter(this::isRoot).toList().forEach(this::clipChildren);
    }

    private boolean isRoot(PipelineSpan s) {
        return s.parentSpanId() == null || !byId.containsKey(s.parentSpanId());
    }

    /**
     * Replaces each descendant of {@code parent} by a copy inside the parent's time: its end (and start) moved to the
     * parent's end when past it, its start to the parent's start when before it. A child that starts after its parent
     * ended keeps no time at all.
     */
    private void clipChildren(PipelineSpan parent) {
        List<PipelineSpan> kids = children.getOrDefault(parent.spanId(), List.of());
        for (int i = 0; i < kids.size(); i++) {
            PipelineSpan c = kids.get(i);
            long end = Math.min(c.endNanos(), parent.endNanos());
            long start = Math.min(Math.max(c.startNanos(), parent.startNanos()), end);
            if (start != c.startNanos() || end != c.endNanos()) {
                c = new PipelineSpan(c.traceId(), c.spanId(), c.parentSpanId(), c.name(), start, end, c.status(),
                        c.statusMessage(), c.attributes(), c.links());
                kids.set(i, c);
                byId.put(c.spanId(), c);
                clipped.put(c.spanId(), new RunAnalysis.Clip(start, end));
            }
            clipChildren(c);
        }
    }

    /** The analysis of the spans of one trace; an empty trace has an empty path and no bottleneck. */
    public static RunAnalysis analyze(List<PipelineSpan> spans) {
        if (spans.isEmpty()) {
            return new RunAnalysis(List.of(), null, Map.of(), Map.of(), Map.of());
        }
        return new CriticalPath(spans).run();
    }

    private RunAnalysis run() {
        // spans whose parent is absent (a live job whose run span comes later from an import) count as roots
        List<PipelineSpan> roots = byId.values().stream()
                .filter(this::isRoot)
                .sorted(LATEST_END_FIRST).toList();
        // several roots are walked as the children of an unseen whole: the last to finish, then what ended before it
        walk(roots.get(0), roots.get(0).endNanos(), 0);
        long t = roots.get(0).startNanos();
        for (PipelineSpan root : roots.subList(1, roots.size())) {
            if (root.endNanos() <= t && root.startNanos() < t) {
                walk(root, t, 0);
                t = root.startNanos();
            }
        }
        List<String> path = critical.keySet().stream()
                .map(byId::get)
                .sorted(Comparator.comparingLong(PipelineSpan::startNanos).thenComparing(s -> depth.get(s.spanId())))
                .map(PipelineSpan::spanId).toList();
        return new RunAnalysis(path, bottleneck(roots), exclusiveTimes(), Map.copyOf(critical), Map.copyOf(clipped));
    }

    private void walk(PipelineSpan span, long until, int level) {
        depth.put(span.spanId(), level);
        long t = Math.min(span.endNanos(), until);
        long own = 0;
        Set<String> used = new HashSet<>();
        while (true) {
            PipelineSpan next = lastFinishedBefore(span, t, used);
            if (next == null) {
                break;
            }
            used.add(next.spanId());
            long childEnd = Math.min(next.endNanos(), span.endNanos());
            own += Math.max(0, t - childEnd);
            walk(next, t, level + 1);
            t = Math.max(span.startNanos(), Math.min(t, next.startNanos()));
        }
        own += Math.max(0, t - span.startNanos());
        critical.merge(span.spanId(), own, Long::sum);
    }

    /** The child that finished last at or before {@code t}; a child ending after its parent counts as ending with it. */
    private PipelineSpan lastFinishedBefore(PipelineSpan parent, long t, Set<String> used) {
        return children.getOrDefault(parent.spanId(), List.of()).stream()
                .filter(c -> !used.contains(c.spanId()))
                .filter(c -> Math.min(c.endNanos(), parent.endNanos()) <= t && c.startNanos() < t)
                .min(Comparator.comparingLong((PipelineSpan c) -> -Math.min(c.endNanos(), parent.endNanos()))
                        .thenComparing(LATEST_END_FIRST))
                .orElse(null);
    }

    /** The span on the path that holds the most path time itself; a root only when nothing under it is on the path. */
    private String bottleneck(List<PipelineSpan> roots) {
        Set<String> rootIds = new HashSet<>();
        roots.forEach(r -> rootIds.add(r.spanId()));
        Comparator<Map.Entry<String, Long>> most = Map.Entry.<String, Long>comparingByValue()
                .thenComparing(e -> byId.get(e.getKey()).startNanos(), Comparator.reverseOrder());
        return critical.entrySet().stream()
                .filter(e -> !rootIds.contains(e.getKey()))
                .max(most)
                .or(() -> critical.entrySet().stream().max(most))
                .map(Map.Entry::getKey).orElse(null);
    }

    private Map<String, Long> exclusiveTimes() {
        Map<String, Long> result = new LinkedHashMap<>();
        for (PipelineSpan s : byId.values()) {
            result.put(s.spanId(), s.durationNanos() - covered(s));
        }
        return result;
    }

    /** How much of {@code span} its children cover, overlaps counted once. */
    private long covered(PipelineSpan span) {
        List<long[]> intervals = children.getOrDefault(span.spanId(), List.of()).stream()
                .map(c -> new long[] {Math.max(c.startNanos(), span.startNanos()), Math.min(c.endNanos(), span.endNanos())})
                .filter(i -> i[1] > i[0])
                .sorted(Comparator.comparingLong(i -> i[0])).toList();
        long total = 0;
        long start = Long.MIN_VALUE;
        long end = Long.MIN_VALUE;
        for (long[] i : intervals) {
            if (i[0] > end) {
                total += end - start;
                start = i[0];
                end = i[1];
            } else {
                end = Math.max(end, i[1]);
            }
        }
        return total + (end - start);
    }
}
