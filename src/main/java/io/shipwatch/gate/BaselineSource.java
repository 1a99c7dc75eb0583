package io.shipwatch.gate;

/** Gives an objective the baseline its relative criteria compare with, for {@code baseline: {from: previous}}. */
public interface BaselineSource {

    /** No stored results to compare with: relative criteria are skipped, as Keptn does. */
    BaselineSource NONE = objective -> Baseline.none("no previous results; evaluate with --server to keep results as"
            + " baselines");

    /** The baseline of {@code objective}; never throws, says why when there is none. */
    Baseline baseline(Objective objective);
}
