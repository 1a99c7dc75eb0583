package io.shipwatch.gate;

/**
 * Where relative criteria get their baseline: previous stored results of this gate ({@code from: previous}, the
 * newest {@code count} of them whose verdict is included, aggregated) or a release pinned by version, whose values
 * are the same queries over the same window with {@code {{version}}} set to it.
 */
public record BaselineSpec(String version, int count, Include include, Aggregate aggregate) {

    /** Which previous results count: all, or only those that passed (or passed with a warning). */
    public enum Include { ALL, PASS, PASS_OR_WARNING }

    public static final BaselineSpec DEFAULT = new BaselineSpec(null, 3, Include.ALL, Aggregate.AVG);

    public boolean pinned() {
        return version != null;
    }
}
