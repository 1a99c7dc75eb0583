package io.shipwatch.providers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shipwatch.core.TimeWindow;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class StepGridTest {
    private static final Instant T0 = Instant.parse("2026-11-26T14:00:00Z");

    @Test
    void holdsMultiplesOfTheStepInsideTheHalfOpenWindow() {
        StepGrid grid = StepGrid.of(new TimeWindow(T0.minusSeconds(10), T0.plusSeconds(120)), Duration.ofMinutes(1), 100);

        assertThat(grid.times()).containsExactly(T0, T0.plusSeconds(60));
        assertThat(grid.last()).isEqualTo(T0.plusSeconds(60));
    }

    @Test
    void isEmptyWhenNoMultipleFallsInside() {
        StepGrid grid = StepGrid.of(new TimeWindow(T0.plusSeconds(1), T0.plusSeconds(60)), Duration.ofMinutes(1), 100);

        assertThat(grid.isEmpty()).isTrue();
        assertThat(grid.times()).isEmpty();
    }

    @Test
    void raisesTheStepToWholeSecondsToStayWithinMaxPoints() {
        StepGrid grid = StepGrid.of(new TimeWindow(T0, T0.plusSeconds(1000)), Duration.ofMillis(100), 300);

        assertThat(grid.step()).isEqualTo(Duration.ofSeconds(4));
        assertThat(grid.size()).isEqualTo(250);
    }

    @Test
    void keepsAStepThatFitsExactly() {
        StepGrid grid = StepGrid.of(new TimeWindow(T0, T0.plusSeconds(300)), Duration.ofSeconds(1), 300);

        assertThat(grid.step()).isEqualTo(Duration.ofSeconds(1));
        assertThat(grid.size()).isEqualTo(300);
    }

    @Test
    void rejectsAStepThatIsNotPositive() {
        assertThatThrownBy(() -> StepGrid.of(new TimeWindow(T0, T0.plusSeconds(60)), Duration.ZERO, 100))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("range query step must be positive, got PT0S");
    }

    @Test
    void rollupResolutionIsA240thOfTheStepAndNeverUnderFifteenSeconds() {
        Instant t = Instant.parse("2026-11-01T00:00:00Z");
        TimeWindow month = new TimeWindow(t, t.plus(Duration.ofDays(30)));

        assertThat(StepGrid.of(month, Duration.ofHours(3), 11_000).rollupResolution()).isEqualTo(Duration.ofSeconds(45));
        assertThat(StepGrid.of(month, Duration.ofMinutes(30), 11_000).rollupResolution()).isEqualTo(Duration.ofSeconds(15));
        assertThat(StepGrid.of(month, Duration.ofSeconds(15), 11_000).rollupResolution()).isEqualTo(Duration.ofSeconds(15));
        TimeWindow hour = new TimeWindow(t, t.plus(Duration.ofHours(1)));
        assertThat(StepGrid.of(hour, Duration.ofSeconds(10), 11_000).rollupResolution()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void aggregatedGridEndsAtTheWindowsEndSoTheNewestStepIsKept() {
        Instant from = Instant.parse("2026-11-01T00:00:00Z");
        TimeWindow window = new TimeWindow(from, from.plus(Duration.ofHours(10)).plusSeconds(1200));

        StepGrid grid = StepGrid.endingAt(window, Duration.ofHours(3), 11_000);

        assertThat(grid.last()).isEqualTo(window.to());
        assertThat(grid.size()).isEqualTo(4);
        assertThat(grid.first()).isAfter(from).isEqualTo(window.to().minus(Duration.ofHours(9)));
        assertThat(grid.first().minus(grid.step())).isBeforeOrEqualTo(from); // the steps cover the whole window
        assertThat(StepGrid.endingAt(new TimeWindow(from, from), Duration.ofHours(3), 11_000).isEmpty()).isTrue();
    }
}
