package io.shipwatch.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PercentilesTest {
    private static final double[] ONE_TO_HUNDRED = IntStream.rangeClosed(1, 100).asDoubleStream().toArray();

    @ParameterizedTest
    @CsvSource({"0.01, 1", "0.07, 7", "0.5, 50", "0.95, 95", "0.99, 99", "0.999, 100", "1, 100"})
    void nearestRankOfOneToHundred(double p, double expected) {
        assertThat(Percentiles.nearestRank(ONE_TO_HUNDRED, p)).isEqualTo(expected);
    }

    @Test
    void nearestRankOfFewValues() {
        double[] values = {15, 20, 35, 40, 50};
        // the worked example of the nearest-rank method: p30 = 20, p40 = 20, p50 = 35, p100 = 50
        assertThat(Percentiles.nearestRank(values, 0.3)).isEqualTo(20);
        assertThat(Percentiles.nearestRank(values, 0.4)).isEqualTo(20);
        assertThat(Percentiles.nearestRank(values, 0.5)).isEqualTo(35);
        assertThat(Percentiles.nearestRank(values, 1.0)).isEqualTo(50);
        assertThat(Percentiles.nearestRank(new double[] {7}, 0.01)).isEqualTo(7);
    }

    @Test
    void nearestRankOfNothingIsNaN() {
        assertThat(Percentiles.nearestRank(new double[0], 0.9)).isNaN();
    }

    @Test
    void refusesPercentileOutsideZeroToOne() {
        assertThatThrownBy(() -> Percentiles.nearestRank(ONE_TO_HUNDRED, 0))
                .hasMessage("percentile must be in (0, 1], got 0.0");
        assertThatThrownBy(() -> Percentiles.nearestRank(ONE_TO_HUNDRED, 95))
                .hasMessage("percentile must be in (0, 1], got 95.0");
    }

    @Test
    void medianOfOddAndEvenCounts() {
        assertThat(Percentiles.median(new double[] {3, 1, 2})).isEqualTo(2);
        assertThat(Percentiles.median(new double[] {4, 1, 3, 2})).isEqualTo(2.5);
        assertThat(Percentiles.median(new double[] {5})).isEqualTo(5);
    }

    @Test
    void medianIgnoresNaNAndIsNaNForNothing() {
        assertThat(Percentiles.median(new double[] {Double.NaN, 1, 9})).isEqualTo(5);
        assertThat(Percentiles.median(new double[] {})).isNaN();
        assertThat(Percentiles.median(new double[] {Double.NaN})).isNaN();
    }
}
