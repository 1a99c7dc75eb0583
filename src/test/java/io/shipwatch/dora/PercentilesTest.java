package io.shipwatch.dora;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PercentilesTest {
    @Test
    void medianOfOddCountIsTheMiddleValue() {
        assertThat(Percentiles.median(new double[] {9, 1, 5})).isEqualTo(5.0);
    }

    @Test
    void medianOfEvenCountIsTheMeanOfTheTwoMiddleValues() {
        assertThat(Percentiles.median(new double[] {27, 1, 24, 2})).isEqualTo(13.0);
    }

    @Test
    void emptyHasNoMedianOrPercentile() {
        assertThat(Percentiles.median(new double[0])).isNull();
        assertThat(Percentiles.nearestRank(new double[0], 90)).isNull();
    }

    @Test
    void oneSampleIsEveryPercentile() {
        assertThat(Percentiles.median(new double[] {3.5})).isEqualTo(3.5);
        assertThat(Percentiles.nearestRank(new double[] {3.5}, 90)).isEqualTo(3.5);
    }

    @Test
    void nearestRankP90OfTenIsTheNinthValueNotTheTenth() {
        // rank = ceil(0.9 * 10) = 9 exactly; floating point would give 9.000000000000002 and pick the 10th
        double[] values = {10, 9, 8, 7, 6, 5, 4, 3, 2, 1};
        assertThat(Percentiles.nearestRank(values, 90)).isEqualTo(9.0);
    }

    @Test
    void nearestRankP90OfElevenIsTheTenthValue() {
        double[] values = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11};
        assertThat(Percentiles.nearestRank(values, 90)).isEqualTo(10.0); // ceil(9.9) = 10
    }

    @Test
    void tiesAreKept() {
        assertThat(Percentiles.median(new double[] {2, 2, 2, 7})).isEqualTo(2.0);
        assertThat(Percentiles.nearestRank(new double[] {2, 2, 2, 7}, 90)).isEqualTo(7.0);
    }
}
