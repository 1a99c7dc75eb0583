package io.shipwatch.pipeline;

import java.util.List;
import java.util.Map;

/**
 * What set a run's wall time: the critical path (span ids in time order, outer spans before the spans inside
 * them), the bottleneck (the span on that path that holds the most of it by itself), and for each span its
 * exclusive time (its duration less the time its children cover) and its own share of the critical path. All of it
 * is computed on spans clipped to their parent's time; {@code clipped} holds the clipped time of each span that
 * reached outside its parent (such as a JUnit suite that ran past its step), so views draw what was analysed.
 */
public record RunAnalysis(
        List<String> criticalPath,
        String bottleneck,
        Map<String, Long> exclusiveNanos,
        Map<String, Long> criticalNanos,
        Map<String, Clip> clipped) {

    /** A span's time once clipped to its parent's: start and end in Unix epoch nanoseconds, start never after end. */
    public record Clip(long startNanos, long endNanos) {
    }
}
