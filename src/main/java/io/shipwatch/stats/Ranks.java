package io.shipwatch.stats;

/**
 * The rank facts of a two-sample comparison: the candidate's U (its rank sum minus m(m+1)/2, mid-ranks for ties)
 * and Σ(t³ − t) over the tie groups of the pooled sample, from one merge of the two sorted samples.
 */
record Ranks(double u, double tieSum) {

    static Ranks of(double[] sortedBaseline, double[] sortedCandidate) {
        double u = 0;
        int below = 0;
        int atMost = 0;
        int n = sortedBaseline.length;
        for (double c : sortedCandidate) {
            while (below < n && sortedBaseline[below] < c) {
                below++;
            }
            atMost = Math.max(atMost, below);
            while (atMost < n && sortedBaseline[atMost] <= c) {
                atMost++;
            }
            // U counts the baseline values below each candidate value, ties as one half
            u += below + 0.5 * (atMost - below);
        }
        return new Ranks(u, tieSum(sortedBaseline, sortedCandidate));
    }

    boolean hasTies() {
        return tieSum > 0;
    }

    private static double tieSum(double[] a, double[] b) {
        double sum = 0;
        int i = 0;
        int j = 0;
        while (i < a.length || j < b.length) {
            double v = j >= b.length || (i < a.length && a[i] <= b[j]) ? a[i] : b[j];
            long t = 0;
            while (i < a.length && a[i] == v) {
                i++;
                t++;
            }
            while (j < b.length && b[j] == v) {
                j++;
                t++;
            }
            sum += (double) t * t * t - t;
        }
        return sum;
    }
}
