package io.shipwatch.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TimesTest {

    @Test
    void parsesRfc3339WithOffset() {
        assertThat(Times.parseInstant("2026-11-26T15:04:00+01:00", "startedAt"))
                .isEqualTo(Instant.parse("2026-11-26T14:04:00Z"));
    }

    @Test
    void rejectsTimeWithoutZoneNamingTheField() {
        assertThatThrownBy(() -> Times.parseInstant("2026-11-26 14:04", "startedAt"))
                .isInstanceOf(InputException.class)
                .hasMessage("startedAt: '2026-11-26 14:04' is not an RFC 3339 time; use a time such as 2026-11-26T14:04:00Z");
    }

    @Test
    void parsesCompoundDurations() {
        assertThat(Times.parseDuration("1h30m", "--window")).isEqualTo(Duration.ofMinutes(90));
        assertThat(Times.parseDuration("500ms", "--step")).isEqualTo(Duration.ofMillis(500));
        assertThat(Times.parseDuration("7d", "--window")).isEqualTo(Duration.ofDays(7));
    }

    @Test
    void rejectsDurationWithoutUnit() {
        assertThatThrownBy(() -> Times.parseDuration("10", "--window"))
                .hasMessage("--window: '10' has no unit; use a duration such as 10m or 1h");
    }

    @Test
    void rejectsGarbageAfterDuration() {
        assertThatThrownBy(() -> Times.parseDuration("10mx", "--window"))
                .hasMessage("--window: '10mx' is not a duration; use a duration such as 30s, 10m, 1h or 7d");
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource({
            "0, 0 ms", "850, 850 ms", "3000, 3 s", "2500, 2.5 s", "59999, 60 s", "60000, 1 min", "270000, 4.5 min",
            "3600000, 1 h", "4320000, 1.2 h", "172800000, 2 d", "302400000, 3.5 d"})
    void durationsReadAsPeopleWriteThem(long millis, String expected) {
        assertThat(Times.human(java.time.Duration.ofMillis(millis))).isEqualTo(expected);
    }

    @Test
    void smallHourFiguresBecomeSecondsOrMinutes() {
        assertThat(Times.humanHours(0.001)).isEqualTo("3.6 s");
        assertThat(Times.humanHours(0.25)).isEqualTo("15 min");
        assertThat(Times.humanHours(30)).isEqualTo("30 h");
    }

    @Test
    void timesOutsideTheEpochToYear9999AreInputErrorsNamingTheField() {
        assertThat(Times.parseInstant("1970-01-01T00:00:00Z", "from")).isEqualTo(Instant.EPOCH);
        assertThat(Times.parseInstant("9999-12-31T23:59:59Z", "to")).isBefore(Times.LATEST);
        for (String bad : new String[] {"-292275055-05-16T16:47:04.192Z", "+292278994-08-17T07:12:55.807Z",
                "1969-12-31T23:59:59Z", "+10000-01-01T00:00:00Z"}) {
            assertThatThrownBy(() -> Times.parseInstant(bad, "committedAt")).isInstanceOf(InputException.class)
                    .hasMessage("committedAt: '" + Instant.parse(bad) + "' is out of range; use a time from "
                            + "1970-01-01T00:00:00Z to 9999-12-31T23:59:59Z");
        }
    }

    @Test
    void durationsThatOverflowOrOutlastTheRangeAreInputErrors() {
        for (String bad : new String[] {"9999999999999d", "99999999999999999999s", "1600000000w", "8100000d"}) {
            assertThatThrownBy(() -> Times.parseDuration(bad, "--window")).isInstanceOf(InputException.class)
                    .hasMessageStartingWith("--window: '" + bad + "' is longer than the years 1970 to 9999");
        }
        assertThat(Times.parseDuration("3650d", "--window")).isEqualTo(Duration.ofDays(3650));
    }
}
