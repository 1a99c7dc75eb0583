package io.shipwatch.core;

import java.time.Duration;
import java.time.Instant;

/** A half-open interval of time [from, to). */
public record TimeWindow(Instant from, Instant to) {
    public TimeWindow {
        if (from.isAfter(to)) {
            throw new IllegalArgumentException("window starts at " + from + " after it ends at " + to);
        }
    }

    public static TimeWindow ending(Instant to, Duration length) {
        return new TimeWindow(to.minus(length), to);
    }

    public Duration length() {
        return Duration.between(from, to);
    }

    public boolean contains(Instant t) {
        return !t.isBefore(from) && t.isBefore(to);
    }
}
