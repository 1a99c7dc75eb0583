package io.shipwatch.gate;

import java.util.ArrayList;
import java.util.List;

/**
 * The baseline from earlier results of the same gate, as Keptn's {@code compare_with: several_results}: the newest
 * {@code count} results whose verdict is included, the objective's value in each where it was measured, aggregated.
 * Pure: the results are given.
 */
public final class PreviousResults implements BaselineSource {
    private final List<GateRun> newestFirst;
    private final BaselineSpec spec;

    public PreviousResults(List<GateRun> newestFirst, BaselineSpec spec) {
        this.newestFirst = List.copyOf(newestFirst);
        this.spec = spec;
    }

    @Override
    public Baseline baseline(Objective objective) {
        List<GateRun> included = newestFirst.stream().filter(this::included).limit(spec.count()).toList();
        List<Double> values = new ArrayList<>();
        for (GateRun run : included) {
            run.objectives().stream()
                    .filter(m -> m.name().equals(objective.name()) && m.value() != null && !m.value().isNaN())
                    .findFirst().ifPresent(m -> values.add(0, m.value())); // oldest first, so last is the newest
        }
        if (values.isEmpty()) {
            return Baseline.none(included.isEmpty() ? "no previous" + what() + " results"
                    : "no value for '" + objective.name() + "' in the previous " + included.size() + " results");
        }
        double value = spec.aggregate().apply(values.stream().mapToDouble(Double::doubleValue).toArray());
        return new Baseline(value, spec.aggregate().wireName() + " of " + values.size() + " previous" + what()
                + " results");
    }

    private boolean included(GateRun run) {
        return switch (spec.include()) {
            case ALL -> run.result() != GateResult.ERROR;
            case PASS -> run.result() == GateResult.PASS;
            case PASS_OR_WARNING -> run.result() == GateResult.PASS || run.result() == GateResult.WARNING;
        };
    }

    private String what() {
        return switch (spec.include()) {
            case ALL -> "";
            case PASS -> " passed";
            case PASS_OR_WARNING -> " passed or warning";
        };
    }
}
