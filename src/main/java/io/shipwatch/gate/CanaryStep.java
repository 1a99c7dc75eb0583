package io.shipwatch.gate;

import java.time.Duration;

/** One step of a canary release: send a share of traffic to the canary, wait, or run an analysis. */
public sealed interface CanaryStep {

    /** {@code {setWeight: 5}}: the canary's share of traffic, in percent. */
    record SetWeight(int percent) implements CanaryStep {
    }

    /** {@code {pause: {duration: 2m}}}: wait before the next step. */
    record Pause(Duration duration) implements CanaryStep {
    }

    /** {@code {analyze: {}}}: repeated judgements under the spec's analysis limits (optionally overridden). */
    record Analyze(AnalysisLimits limits) implements CanaryStep {
    }
}
