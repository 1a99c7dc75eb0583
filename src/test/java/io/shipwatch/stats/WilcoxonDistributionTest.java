package io.shipwatch.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class WilcoxonDistributionTest {

    @Test
    void twoAndTwoHasTheKnownCounts() {
        // U over C(4,2) = 6 arrangements: 0,1,2,2,3,4
        WilcoxonDistribution d = new WilcoxonDistribution(2, 2);
        assertThat(d.cdf(0)).isCloseTo(1 / 6.0, within(1e-15));
        assertThat(d.cdf(2)).isCloseTo(4 / 6.0, within(1e-15));
        assertThat(d.survival(2)).isCloseTo(2 / 6.0, within(1e-15));
        assertThat(d.cdf(4)).isCloseTo(1.0, within(1e-15));
    }

    @Test
    void quantilesMatchR() {
        // make_reference.py's transcription of R's qwilcox (exact integer counts): 30 25 60 90
        WilcoxonDistribution d = new WilcoxonDistribution(10, 12);
        assertThat(d.quantile(0.025)).isEqualTo(30);
        assertThat(d.quantile(0.01)).isEqualTo(25);
        assertThat(d.quantile(0.5)).isEqualTo(60);
        assertThat(d.quantile(0.975)).isEqualTo(90);
    }

    @Test
    void largestExactSizeStaysNormalised() {
        WilcoxonDistribution d = new WilcoxonDistribution(49, 49);
        assertThat(d.cdf(49 * 49)).isCloseTo(1.0, within(1e-12));
        assertThat(d.cdf(49 * 49 / 2.0 - 0.5)).isCloseTo(0.5, within(1e-12));
    }
}
