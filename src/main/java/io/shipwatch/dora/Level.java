package io.shipwatch.dora;

import java.time.Duration;
import java.util.Locale;

/**
 * The DORA 2023 performance clusters, as contiguous cut-offs (the report says so with {@link #SOURCE}). Each
 * classifier returns null when there is no value: no data has no level.
 */
public enum Level {
    ELITE, HIGH, MEDIUM, LOW;

    /** Where the cut-offs come from, named in every report. */
    public static final String SOURCE = "DORA 2023";

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Deployment frequency: a median of 5 or more deployment days per ISO week is elite, 1 or more high; at least one
     * deployment day per 30 days medium; else low.
     */
    public static Level ofFrequency(double deploymentDaysPerWeekMedian, int deploymentDays, double windowDays) {
        if (deploymentDaysPerWeekMedian >= 5) {
            return ELITE;
        }
        if (deploymentDaysPerWeekMedian >= 1) {
            return HIGH;
        }
        return windowDays > 0 && deploymentDays * 30.0 / windowDays >= 1 ? MEDIUM : LOW;
    }

    /** Lead time for changes: under a day elite, under a week high, under 30 days medium, else low. */
    public static Level ofLeadTime(Double medianHours) {
        return medianHours == null ? null : below(medianHours, 24, 7 * 24, 30 * 24);
    }

    /** Change failure rate: at most 5 % elite, at most 10 % high, at most 15 % medium, else low. */
    public static Level ofFailureRate(Double rate) {
        if (rate == null) {
            return null;
        }
        return rate <= 0.05 ? ELITE : rate <= 0.10 ? HIGH : rate <= 0.15 ? MEDIUM : LOW;
    }

    /** Time to restore and failed deployment recovery time: under an hour elite, a day high, a week medium. */
    public static Level ofRestore(Double medianHours) {
        return medianHours == null ? null : below(medianHours, 1, 24, 7 * 24);
    }

    private static Level below(double hours, double elite, double high, double medium) {
        return hours < elite ? ELITE : hours < high ? HIGH : hours < medium ? MEDIUM : LOW;
    }

    static double hours(Duration d) {
        return d.toMillis() / 3_600_000.0;
    }
}
