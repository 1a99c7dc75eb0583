package io.shipwatch.http;

import io.shipwatch.core.InputException;
import io.shipwatch.core.Problems;
import io.shipwatch.core.Times;
import java.time.Instant;

/** Reads typed query parameters, collecting a problem per bad one (named by the parameter) instead of failing fast. */
final class QueryParams {
    private QueryParams() {
    }

    /** An RFC 3339 time, or {@code fallback} when the parameter is absent or bad (then a problem is recorded). */
    static Instant time(String text, String param, Problems problems, Instant fallback) {
        if (text == null || text.isBlank()) {
            return fallback;
        }
        try {
            return Times.parseInstant(text, param);
        } catch (InputException e) {
            e.errors().forEach(p -> problems.add(p.where(), p.problem(), p.hint()));
            return fallback;
        }
    }

    /**
     * A page size from 1 to {@code max}, or {@code fallback} when absent; a bad or too large one is a problem naming
     * the parameter and the maximum, so that no request reads without bound.
     */
    static int limit(String text, String param, int fallback, int max, Problems problems) {
        if (text == null || text.isBlank()) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(text.trim());
            if (n >= 1 && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        problems.add(param, "'" + text + "' is not a whole number from 1 to " + max, "ask for at most " + max);
        return fallback;
    }
}
