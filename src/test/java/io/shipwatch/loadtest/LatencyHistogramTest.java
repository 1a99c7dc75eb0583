package io.shipwatch.loadtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LatencyHistogramTest {

    @Test
    void nearestRankIsComputedInDecimal() {
        assertThat(LatencyHistogram.nearestRank(0.95, 20)).isEqualTo(19);
        assertThat(LatencyHistogram.nearestRank(0.95, 21)).isEqualTo(20);
        assertThat(LatencyHistogram.nearestRank(0.5, 1)).isEqualTo(1);
        assertThat(LatencyHistogram.nearestRank(0.999, 1000)).isEqualTo(999);
        assertThatThrownBy(() -> LatencyHistogram.nearestRank(0, 10)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void percentilesAreExactBelowTheExactLimitAndCloseAbove() {
        Random random = new Random(42);
        long[] values = new long[5001];
        LatencyHistogram h = new LatencyHistogram(1);
        for (int i = 0; i < values.length; i++) {
            values[i] = (long) (Math.exp(random.nextGaussian() * 1.2 + 6)); // up to tens of seconds
            h.record(values[i]);
        }
        Arrays.sort(values);
        for (double q : new double[] {0.5, 0.9, 0.95, 0.99, 0.999, 1.0}) {
            long want = values[(int) LatencyHistogram.nearestRank(q, values.length) - 1];
            double got = h.percentile(q);
            if (want <= LatencyHistogram.EXACT_UNITS) {
                assertThat(got).as("q=" + q).isEqualTo(want);
            } else {
                assertThat(Math.abs(got - want) / want).as("q=" + q).isLessThanOrEqualTo(1.0 / 16384);
            }
        }
        assertThat(h.minMs()).isEqualTo(values[0]);
        assertThat(h.maxMs()).isEqualTo(values[values.length - 1]);
    }

    @Test
    void emptyAndSingleSample() {
        LatencyHistogram h = new LatencyHistogram(1000);
        assertThat(h.percentile(0.95)).isNaN();
        h.record(12.345);
        assertThat(h.percentile(0.5)).isEqualTo(12.345);
        assertThat(h.percentile(0.99)).isEqualTo(12.345);
    }

    @Test
    void encodedHistogramReadsBackTheSame() {
        LatencyHistogram h = new LatencyHistogram(1000);
        for (int i = 1; i <= 300; i++) {
            h.record(i * 0.731);
        }
        LatencyHistogram back = LatencyHistogram.decode(h.encode());
        assertThat(back.count()).isEqualTo(300);
        assertThat(back.unitsPerMs()).isEqualTo(1000);
        assertThat(back.percentile(0.95)).isEqualTo(h.percentile(0.95));
        assertThat(back.bins()).isEqualTo(h.bins());
        assertThatThrownBy(() -> LatencyHistogram.decode("garbage")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aHeaderClaimingAHugeRangeIsRefusedBeforeAnythingIsAllocated() {
        String hostile = HostileHistograms.claiming(1, 5, Long.MAX_VALUE / 2); // ~100 MB of counts if decoded

        assertThatThrownBy(() -> LatencyHistogram.decode(hostile)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("declares 5 significant digits and a range of 1 to " + Long.MAX_VALUE / 2);
        assertThatThrownBy(() -> LatencyHistogram.decode(HostileHistograms.claiming(1, 4, 1L << 50)))
                .hasMessageContaining("expected at most 4 digits");
        assertThatThrownBy(() -> LatencyHistogram.decode("2000000:" + HostileHistograms.claiming(1, 4, 2)
                .substring(2))).hasMessageContaining("units per millisecond 2000000");
    }

    @Test
    void whatEncodeWritesPassesTheHeaderChecks() {
        LatencyHistogram h = new LatencyHistogram(1000);
        for (int i = 0; i < 10_000; i++) {
            h.record(i * 37.5 % 90_000); // up to 90 s in microseconds
        }
        LatencyHistogram back = LatencyHistogram.decode(h.encode());

        assertThat(back.count()).isEqualTo(10_000);
        assertThat(back.percentile(0.99)).isEqualTo(h.percentile(0.99));
        assertThat(LatencyHistogram.header(h.encode()).significantDigits()).isEqualTo(4);
        assertThat(LatencyHistogram.decode(HostileHistograms.claiming(1, 4, 1L << 20)).count()).isEqualTo(1);
    }

    @Test
    void aLabelWithFewSamplesTakesAFewKilobytesAndABusyOneStaysExact() {
        LatencyHistogram few = new LatencyHistogram(1);
        for (int i = 0; i < 100; i++) {
            few.record(80 + i % 40);
        }
        assertThat(few.footprintBytes()).isLessThan(16 * 1024); // a flat array of every bucket takes 256 KB

        Random random = new Random(7);
        LatencyHistogram busy = new LatencyHistogram(1);
        long[] values = new long[LatencyHistogram.PACKED_SAMPLES * 2];
        for (int i = 0; i < values.length; i++) {
            values[i] = 1 + random.nextInt(30_000);
            busy.record(values[i]);
        }
        Arrays.sort(values);
        assertThat(busy.percentile(0.95)).isEqualTo(values[(int) LatencyHistogram.nearestRank(0.95, values.length) - 1]);
        assertThat(busy.count()).isEqualTo(values.length);
    }
}
