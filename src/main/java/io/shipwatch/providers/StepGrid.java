package io.shipwatch.providers;

import io.shipwatch.core.TimeWindow;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The times a range query answers at: every multiple of {@code step} since the epoch inside a half-open window, as
 * Grafana aligns Prometheus range queries (so the same window and step always give the same points). Providers
 * build one with {@link #of} and either send it to their backend or compute a value at each time.
 */
public record StepGrid(Instant first, int size, Duration step) {

    public StepGrid {
        if (size < 0 || step.toMillis() <= 0) {
            throw new IllegalArgumentException("a step grid needs size >= 0 and a step of at least 1ms, got "
                    + size + " and " + step);
        }
    }

    /**
     * The grid of {@code window} at {@code step}, with the step raised to whole seconds when the window would
     * otherwise hold more than {@code maxPoints} points (never fails for a long window).
     *
     * @throws IllegalArgumentException when {@code step} is not positive (a caller's bug, not user input)
     */
    public static StepGrid of(TimeWindow window, Duration step, int maxPoints) {
        if (step == null || step.isNegative() || step.isZero()) {
            throw new IllegalArgumentException("range query step must be positive, got " + step);
        }
        long stepMillis = Math.max(1, ceilMillis(step));
        long lengthMillis = window.length().toMillis();
        if (ceilDiv(lengthMillis, stepMillis) > maxPoints) {
            // the smallest whole-second step that keeps the window under the limit
            stepMillis = ceilDiv(ceilDiv(lengthMillis, maxPoints), 1000) * 1000;
        }
        long from = window.from().toEpochMilli();
        long to = window.to().toEpochMilli();
        long first = ceilDiv(from, stepMillis) * stepMillis;
        int size = first < to ? (int) ((to - 1 - first) / stepMillis + 1) : 0;
        return new StepGrid(Instant.ofEpochMilli(first), size, Duration.ofMillis(stepMillis));
    }

    /**
     * The grid of an aggregated range query ({@link Rollup}): the step {@link #of} would choose, with the points
     * counted back from the window's end, so the last one's step reaches it and the newest data is never left out
     * (an epoch-aligned grid would drop everything after its last point). Each point t stands for (t - step, t].
     */
    public static StepGrid endingAt(TimeWindow window, Duration step, int maxPoints) {
        Duration chosen = of(window, step, maxPoints).step();
        int size = (int) ceilDiv(window.length().toMillis(), chosen.toMillis());
        Instant first = window.to().minus(chosen.multipliedBy(Math.max(0, size - 1)));
        return new StepGrid(first, Math.max(0, size), chosen);
    }

    public boolean isEmpty() {
        return size == 0;
    }

    /** The last time of the grid; only meaningful when it is not empty. */
    public Instant last() {
        return first.plus(step.multipliedBy(Math.max(0, size - 1)));
    }

    /**
     * How often values are read inside each step to aggregate them ({@link Rollup}): a 240th of the step, never
     * under 15 s (a common scrape interval); the step itself when it is that short.
     */
    public Duration rollupResolution() {
        long millis = Math.max(15_000, ceilDiv(step.toMillis(), 240_000) * 1000);
        return millis >= step.toMillis() ? step : Duration.ofMillis(millis);
    }

    public List<Instant> times() {
        List<Instant> times = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            times.add(first.plus(step.multipliedBy(i)));
        }
        return times;
    }

    private static long ceilMillis(Duration d) {
        return d.toMillis() + (d.minusMillis(d.toMillis()).isZero() ? 0 : 1);
    }

    private static long ceilDiv(long a, long b) {
        return -Math.floorDiv(-a, b);
    }
}
