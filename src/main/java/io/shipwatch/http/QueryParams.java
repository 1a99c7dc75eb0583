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
}
