package io.shipwatch.pipeline;

import java.util.List;
import java.util.Map;

/**
 * What set a run's wall time: the critical path (span ids in time order, outer spans before the spans inside
 * them), the bottleneck (the span on that path that holds the most of it by itself), and for each span its
 * exclusive time (its duration less the time its children cover) and its own share of the critical path.
 */
public record RunAnalysis(
        List<String> criticalPath,
        String bottleneck,
        Map<String, Long> exclusiveNanos,
        Map<String, Long> criticalNanos) {
}
