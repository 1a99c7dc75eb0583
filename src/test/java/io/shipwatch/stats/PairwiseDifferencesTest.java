package io.shipwatch.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PairwiseDifferencesTest {

    @Test
    void everyOrderStatisticMatchesTheSortedMatrix() {
        Random random = new Random(42);
        for (int round = 0; round < 20; round++) {
            double[] b = sample(random, 1 + random.nextInt(30));
            double[] c = sample(random, 1 + random.nextInt(30));
            double[] all = new double[b.length * c.length];
            int k = 0;
            for (double x : c) {
                for (double y : b) {
                    all[k++] = x - y;
                }
            }
            Arrays.sort(all);
            PairwiseDifferences diffs = new PairwiseDifferences(b, c);
            for (int rank = 1; rank <= all.length; rank++) {
                assertThat(diffs.kth(rank)).as("rank %d of round %d", rank, round).isEqualTo(all[rank - 1] + 0.0);
            }
            assertThat(diffs.median()).isEqualTo(Percentiles.median(all));
        }
    }

    private static double[] sample(Random random, int size) {
        // rounded so that ties and repeated differences occur
        return random.doubles(size, -50, 50).map(v -> Math.round(v * 4) / 4.0).sorted().toArray();
    }

    @Test
    void countsDifferencesAtMostAValue() {
        PairwiseDifferences diffs = new PairwiseDifferences(new double[] {1, 2}, new double[] {2, 4});
        // differences: 1, 0, 3, 2
        assertThat(diffs.countAtMost(-0.5)).isZero();
        assertThat(diffs.countAtMost(0)).isEqualTo(1);
        assertThat(diffs.countAtMost(2)).isEqualTo(3);
        assertThat(diffs.countAtMost(3)).isEqualTo(4);
    }
}
