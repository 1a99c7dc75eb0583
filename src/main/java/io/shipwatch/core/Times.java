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
    /** The earliest time accepted anywhere: the Unix epoch. */
    public static final Instant EARLIEST = Instant.EPOCH;
    /** The latest time accepted anywhere: the end of year 9999, the last that every store and format can hold. */
    public static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999999Z");
    /** The longest duration accepted anywhere: the span of the accepted times. */
    public static final Duration LONGEST = Duration.between(EARLIEST, LATEST);
    private static final String RANGE_HINT = "use a time from 1970-01-01T00:00:00Z to 9999-12-31T23:59:59Z";

    private Times() {
    }

    /** An RFC 3339 time such as {@code 2026-11-26T14:04:00Z} or {@code 2026-11-26T15:04:00+01:00}. */
    public static Instant parseInstant(String text, String where) {
        Instant t;
        try {
            t = OffsetDateTime.parse(text.trim()).toInstant();
        } catch (DateTimeParseException e) {
            throw new InputException(where, "'" + text + "' is not an RFC 3339 time",
                    "use a time such as 2026-11-26T14:04:00Z");
        }
        return inRange(t, where);
    }

    /**
     * {@code time} itself when it lies in 1970-01-01 .. 9999-12-31; else an input error naming {@code where}. Every
     * time read from a user passes here, so stores, SQL arithmetic and JSON never meet a year such as -292275055.
     */
    public static Instant inRange(Instant time, String where) {
        if (time.isBefore(EARLIEST) || time.isAfter(LATEST)) {
            throw new InputException(where, "'" + time + "' is out of range", RANGE_HINT);
        }
        return time;
    }

    /** Epoch nanoseconds (as OTLP sends them) in the accepted range; else an input error naming {@code where}. */
    public static long inRangeNanos(long epochNanos, String where) {
        if (epochNanos < 0) {
            throw new InputException(where, epochNanos + " ns is before 1970", RANGE_HINT);
        }
        return epochNanos; // a signed long of nanoseconds ends in 2262, within the range
    }

    /** The start of a window of {@code length} ending at {@code end}; a start before 1970 is an input error. */
    public static Instant windowStart(Instant end, Duration length, String where) {
        Instant start = end.minus(length);
        if (start.isBefore(EARLIEST)) {
            throw new InputException(where, "a window of " + length.toDays() + " days ending " + end
                    + " starts before 1970", "give a shorter duration such as 7d or 90d");
        }
        return start;
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
        try {
            while (m.find() && m.start() == end) {
                long n = Long.parseLong(m.group(1));
                total = total.plus(switch (m.group(2)) {
                    case "ms" -> Duration.ofMillis(n);
                    case "s" -> Duration.ofSeconds(n);
                    case "m" -> Duration.ofMinutes(n);
                    case "h" -> Duration.ofHours(n);
                    case "d" -> Duration.ofDays(n);
                    default -> Duration.ofDays(Math.multiplyExact(7, n));
                });
                end = m.end();
            }
        } catch (ArithmeticException | NumberFormatException e) {
            throw tooLong(text, where); // too many digits for a long, or a total past Duration's range
        }
        if (trimmed.isEmpty() || end != trimmed.length()) {
            throw new InputException(where, "'" + text + "' is not a duration", "use a duration such as 30s, 10m, 1h or 7d");
        }
        if (total.compareTo(LONGEST) > 0) {
            throw tooLong(text, where);
        }
        return total;
    }

    private static InputException tooLong(String text, String where) {
        return new InputException(where, "'" + text + "' is longer than the years 1970 to 9999",
                "use a duration such as 30s, 10m, 1h or 7d");
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
