package io.shipwatch.gate;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A pass or warning block: criteria sets that are ORed, each a list of criteria that are ANDed, as Keptn's
 * {@code pass: [{criteria: [...]}, ...]}. In a spec, {@code ["< 0.01", "<=+10%"]} is one set and
 * {@code [["< 0.01"], ["<=+10%"]]} two.
 */
public record Criteria(List<List<Criterion>> sets) {
    public static final Criteria NONE = new Criteria(List.of());

    public Criteria {
        sets = sets.stream().map(List::copyOf).toList();
    }

    public boolean isEmpty() {
        return sets.isEmpty();
    }

    public boolean usesBaseline() {
        return sets.stream().flatMap(List::stream).anyMatch(Criterion::relative);
    }

    /** Whether some set has every criterion met. */
    public boolean holds(double measured, Double baseline) {
        return sets.stream().anyMatch(set -> set.stream().allMatch(c -> c.holds(measured, baseline)));
    }

    /** The criteria of every set that {@code measured} violates, with their targets, for the verdict's reason. */
    public List<String> violations(double measured, Double baseline) {
        return sets.stream().flatMap(List::stream)
                .filter(c -> !c.holds(measured, baseline))
                .map(c -> c.relative() ? c.text() + " (target " + Numbers.format(c.target(baseline)) + ")" : c.text())
                .distinct().toList();
    }

    @Override
    public String toString() {
        return sets.stream().map(set -> set.stream().map(Criterion::text).collect(Collectors.joining(" and ")))
                .collect(Collectors.joining(" or "));
    }
}
