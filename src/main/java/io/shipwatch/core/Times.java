package io.shipwatch.core;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses the times and durations users type: RFC 3339 instants and Prometheus-style durations. */
public final class Times {
    private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h|d|w)");

    private Times() {
    }

    /** An RFC 3339 time such as {@code 2026-11-26T14:04:00Z} or {@code 2026-11-26T15:04:00+01:00}. */
    public static Instant parseInstant(String text, String where) {
        try {
            return OffsetDateTime.parse(text.trim()).toInstant();
        } catch (DateTimeParseException e) {
            throw new InputException(where, "'" + text + "' is not an RFC 3339 time",
                    "use a time such as 2026-11-26T14:04:00Z");
        }
    }

    /** A duration such as {@code 90s}, {@code 10m}, {@code 1h30m}, {@code 7d} or {@code 500ms}. */
    public static Duration parseDuration(String text, String where) {
        String trimmed = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        if (trimmed.matches("\\d+")) {
            throw new InputException(where, "'" + text + "' has no unit", "use a duration such as 10m or 1h");
        }
        Matcher m = DURATION.matcher(trimmed);
        Duration total = Duration.ZERO;
        int end = 0;
        while (m.find() && m.start() == end) {
            long n = Long.parseLong(m.group(1));
            total = total.plus(switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                case "d" -> Duration.ofDays(n);
                default -> Duration.ofDays(7 * n);
            });
            end = m.end();
        }
        if (trimmed.isEmpty() || end != trimmed.length()) {
            throw new InputException(where, "'" + text + "' is not a duration", "use a duration such as 30s, 10m, 1h or 7d");
        }
        return total;
    }
}
