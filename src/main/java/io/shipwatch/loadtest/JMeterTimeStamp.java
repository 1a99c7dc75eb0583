package io.shipwatch.loadtest;

import io.shipwatch.core.InputException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.util.List;

/**
 * How a JMeter CSV writes its {@code timeStamp} column: epoch milliseconds (JMeter's default) or a date pattern set
 * with {@code jmeter.save.saveservice.timestamp_format}. A date without a zone is read in this machine's time zone, as
 * JMeter wrote it in its own.
 */
final class JMeterTimeStamp {
    static final String HINT = "pass --timestamp-format with the jmeter.save.saveservice.timestamp_format the test ran "
            + "with, such as 'yyyy/MM/dd HH:mm:ss.SSS', or ms for epoch milliseconds";
    /** Epoch milliseconds, JMeter's default ({@code timestamp_format=ms}). */
    static final JMeterTimeStamp MILLIS = new JMeterTimeStamp("ms", null);
    /** What detection tries when the first time stamp is not a number: patterns seen in JMeter setups, then ISO 8601. */
    private static final List<JMeterTimeStamp> KNOWN = List.of(
            pattern("yyyy/MM/dd HH:mm:ss.SSS"), pattern("yyyy-MM-dd HH:mm:ss.SSS"), pattern("yyyy/MM/dd HH:mm:ss"),
            pattern("yyyy-MM-dd HH:mm:ss"), new JMeterTimeStamp("ISO 8601", DateTimeFormatter.ISO_DATE_TIME));

    private final String pattern;
    private final DateTimeFormatter formatter;

    private JMeterTimeStamp(String pattern, DateTimeFormatter formatter) {
        this.pattern = pattern;
        this.formatter = formatter;
    }

    private static JMeterTimeStamp pattern(String pattern) {
        return new JMeterTimeStamp(pattern, DateTimeFormatter.ofPattern(pattern));
    }

    /** The format a user named ({@code ms} or a JMeter/SimpleDateFormat pattern); {@code where} names the flag. */
    static JMeterTimeStamp of(String pattern, String where) {
        if (pattern.equals("ms")) {
            return MILLIS;
        }
        try {
            return pattern(pattern);
        } catch (IllegalArgumentException e) {
            throw new InputException(where, "'" + pattern + "' is not a date pattern (" + e.getMessage() + ")",
                    "give JMeter's jmeter.save.saveservice.timestamp_format, such as 'yyyy/MM/dd HH:mm:ss.SSS', or ms");
        }
    }

    /** The format of a file whose first time stamp is {@code first}, or null when no known one reads it. */
    static JMeterTimeStamp detect(String first) {
        if (first.strip().matches("\\d+")) {
            return MILLIS;
        }
        return KNOWN.stream().filter(f -> f.millis(first) != CsvReader.NOT_A_NUMBER).findFirst().orElse(null);
    }

    boolean isMillis() {
        return formatter == null;
    }

    String pattern() {
        return pattern;
    }

    /** Epoch milliseconds of {@code text}, or {@link CsvReader#NOT_A_NUMBER} if it is not in this format. */
    long millis(String text) {
        try {
            TemporalAccessor t = formatter.parse(text.strip());
            if (t.isSupported(ChronoField.INSTANT_SECONDS)) {
                return Instant.from(t).toEpochMilli();
            }
            return LocalDateTime.from(t).atZone(ZoneId.systemDefault()).toInstant().toEpochMilli();
        } catch (DateTimeException e) {
            return CsvReader.NOT_A_NUMBER;
        }
    }
}
