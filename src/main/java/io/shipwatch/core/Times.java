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

    /** A duration as people read it: {@code 850 ms}, {@code 3 s}, {@code 4.5 min}, {@code 1.2 h}, {@code 3 d}. */
    public static String human(Duration d) {
        long millis = d.toMillis();
        if (Math.abs(millis) < 1_000) {
            return millis + " ms";
        }
        if (Math.abs(millis) < 60_000) {
            return oneDecimal(millis / 1_000.0) + " s";
        }
        if (Math.abs(millis) < 3_600_000) {
            return oneDecimal(millis / 60_000.0) + " min";
        }
        if (Math.abs(millis) < 48 * 3_600_000L) {
            return oneDecimal(millis / 3_600_000.0) + " h";
        }
        return oneDecimal(millis / 86_400_000.0) + " d";
    }

    /** Hours as a human duration: {@code 0.001} is {@code 3.6 s}, not {@code 0.001 h}. */
    public static String humanHours(double hours) {
        return human(Duration.ofMillis(Math.round(hours * 3_600_000)));
    }

    private static String oneDecimal(double v) {
        String s = String.format(Locale.ROOT, "%.1f", v);
        return s.endsWith(".0") ? s.substring(0, s.length() - 2) : s;
    }
}
