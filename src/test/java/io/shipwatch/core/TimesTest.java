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
}
