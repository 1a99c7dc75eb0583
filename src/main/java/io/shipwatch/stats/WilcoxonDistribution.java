package io.shipwatch.stats;

/**
 * The exact null distribution of the Mann–Whitney U statistic for sample sizes n and m without ties, as R's
 * dwilcox/pwilcox/qwilcox. Counts come from the recursion on the largest observation (it is either an x, adding m
 * to U, or a y): c(n, m, u) = c(n−1, m, u−m) + c(n, m−1, u); only additions, so doubles stay accurate.
 */
final class WilcoxonDistribution {
    private final int n;
    private final int m;
    private final double[] probabilities;

    WilcoxonDistribution(int n, int m) {
        this.n = n;
        this.m = m;
        double[] counts = counts(n, m);
        double total = 0;
        for (double c : counts) {
            total += c;
        }
        probabilities = new double[counts.length];
        for (int u = 0; u < counts.length; u++) {
            probabilities[u] = counts[u] / total;
        }
    }

    private static double[] counts(int n, int m) {
        double[][] previous = new double[n + 1][];
        for (int i = 0; i <= n; i++) {
            previous[i] = new double[] {1}; // m = 0: U is always 0
        }
        for (int j = 1; j <= m; j++) {
            double[][] current = new double[n + 1][];
            current[0] = new double[] {1};
            for (int i = 1; i <= n; i++) {
                double[] c = new double[i * j + 1];
                double[] xLargest = current[i - 1];
                double[] yLargest = previous[i];
                for (int u = 0; u < c.length; u++) {
                    double fromX = u - j >= 0 && u - j < xLargest.length ? xLargest[u - j] : 0;
                    double fromY = u < yLargest.length ? yLargest[u] : 0;
                    c[u] = fromX + fromY;
                }
                current[i] = c;
            }
            previous = current;
        }
        return previous[n];
    }

    /** P(U ≤ q). */
    double cdf(double q) {
        if (q < 0) {
            return 0;
        }
        double p = 0;
        for (int u = 0; u <= Math.min(q, (double) n * m); u++) {
            p += probabilities[u];
        }
        return Math.min(1, p);
    }

    /** P(U > q). */
    double survival(double q) {
        if (q < 0) {
            return 1;
        }
        double p = 0;
        for (int u = (int) Math.floor(q) + 1; u <= n * m; u++) {
            p += probabilities[u];
        }
        return Math.min(1, p);
    }

    /** The quantile as R's qwilcox: the smallest q with P(U ≤ q) ≥ x, with R's 10·DBL_EPSILON fuzz. */
    int quantile(double x) {
        if (x <= 0) {
            return 0;
        }
        if (x >= 1) {
            return n * m;
        }
        double p = 0;
        int q = 0;
        if (x <= 0.5) {
            double target = x - 10 * Math.ulp(1.0);
            for (;;) {
                p += probabilities[q];
                if (p >= target) {
                    return q;
                }
                q++;
            }
        }
        double target = 1 - x + 10 * Math.ulp(1.0);
        for (;;) {
            p += probabilities[q];
            if (p > target) {
                return n * m - q;
            }
            q++;
        }
    }
}
