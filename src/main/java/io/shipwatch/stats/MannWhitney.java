package io.shipwatch.stats;

import java.util.Arrays;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.special.Erf;

/**
 * The Wilcoxon rank-sum / Mann–Whitney U test of a candidate sample against a baseline sample, with the
 * Hodges–Lehmann shift estimate and its confidence interval, computed as R's
 * {@code wilcox.test(candidate, baseline, conf.int = TRUE, conf.level = confidence, correct = TRUE)} and Kayenta's
 * MannWhitney.
 *
 * <ul>
 *   <li>NaN and infinite values are dropped and counted ({@link MannWhitneyResult#candidateDropped()}).</li>
 *   <li>Exact p-value and interval (R's pwilcox/qwilcox) when both samples have fewer than 50 values and there are
 *       no ties; otherwise the normal approximation with tie and continuity correction.</li>
 *   <li>The estimate is the median of all candidate[j] − baseline[i] (R's estimate for the exact case; in the normal
 *       case R's uniroot returns a point of the flat stretch that contains this median).</li>
 *   <li>The normal-approximation interval ends are the roots R's uniroot searches for, found exactly: the
 *       standardised statistic is a step function of the shift whose steps sit at pairwise differences, so each end
 *       is the pairwise difference where it changes sign (R reports it to uniroot's tolerance of 1e-4).</li>
 *   <li>Differences are never materialised ({@link PairwiseDifferences}), so large samples are exact too.</li>
 *   <li>Either sample empty: every number is NaN. All values equal: U = n·m/2, p = 1, estimate and interval 0
 *       (R stops with "cannot compute confidence interval when all observations are tied").</li>
 * </ul>
 */
public final class MannWhitney {
    private static final NormalDistribution NORMAL = new NormalDistribution(null, 0, 1);
    private static final int EXACT_LIMIT = 50;

    private MannWhitney() {
    }

    /** Tests candidate against baseline; {@code confidence} in (0, 1) is the interval's coverage. */
    public static MannWhitneyResult test(double[] baseline, double[] candidate, double confidence, Alternative alternative) {
        if (!(confidence > 0 && confidence < 1)) {
            throw new IllegalArgumentException("confidence must be in (0, 1), got " + confidence);
        }
        double[] b = finiteSorted(baseline);
        double[] c = finiteSorted(candidate);
        int bDropped = baseline.length - b.length;
        int cDropped = candidate.length - c.length;
        int n = b.length;
        int m = c.length;
        if (n == 0 || m == 0) {
            double nan = Double.NaN;
            return new MannWhitneyResult(nan, nan, nan, nan, nan, confidence, n, m, bDropped, cDropped, false);
        }
        Ranks ranks = Ranks.of(b, c);
        double nm = (double) n * m;
        if (b[0] == b[n - 1] && c[0] == c[m - 1] && b[0] == c[0]) {
            return new MannWhitneyResult(nm / 2, 1, 0, 0, 0, confidence, n, m, bDropped, cDropped, false);
        }
        PairwiseDifferences diffs = new PairwiseDifferences(b, c);
        double estimate = diffs.median();
        boolean exact = n < EXACT_LIMIT && m < EXACT_LIMIT && !ranks.hasTies();
        double alpha = 1 - confidence;
        if (exact) {
            WilcoxonDistribution dist = new WilcoxonDistribution(m, n);
            double p = exactPValue(dist, ranks.u(), nm, alternative);
            double[] ci = exactInterval(dist, diffs, alpha, alternative);
            return new MannWhitneyResult(ranks.u(), p, estimate, ci[0], ci[1], confidence, n, m, bDropped, cDropped, true);
        }
        NormalApproximation normal = new NormalApproximation(b, c, diffs, ranks.tieSum(), alternative);
        double p = normal.pValue(ranks.u());
        double lower = Double.NEGATIVE_INFINITY;
        double upper = Double.POSITIVE_INFINITY;
        switch (alternative) {
            case TWO_SIDED -> {
                lower = normal.root(NORMAL.inverseCumulativeProbability(1 - alpha / 2));
                upper = normal.root(NORMAL.inverseCumulativeProbability(alpha / 2));
            }
            case GREATER -> lower = normal.root(NORMAL.inverseCumulativeProbability(1 - alpha));
            case LESS -> upper = normal.root(NORMAL.inverseCumulativeProbability(alpha));
        }
        return new MannWhitneyResult(ranks.u(), p, estimate, lower, upper, confidence, n, m, bDropped, cDropped, false);
    }

    private static double[] finiteSorted(double[] values) {
        return Arrays.stream(values).filter(Double::isFinite).sorted().toArray();
    }

    private static double exactPValue(WilcoxonDistribution dist, double u, double nm, Alternative alternative) {
        // as R: the tail on the statistic's side, doubled for two-sided
        return switch (alternative) {
            case GREATER -> dist.survival(u - 1);
            case LESS -> dist.cdf(u);
            case TWO_SIDED -> Math.min(1, 2 * (u > nm / 2 ? dist.survival(u - 1) : dist.cdf(u)));
        };
    }

    private static double[] exactInterval(WilcoxonDistribution dist, PairwiseDifferences diffs, double alpha,
            Alternative alternative) {
        long nm = diffs.size();
        // R: qu <- qwilcox(alpha/2, n.x, n.y); if (qu == 0) qu <- 1; ql <- n.x*n.y - qu; c(diffs[qu], diffs[ql + 1])
        int qu = Math.max(1, dist.quantile(alternative == Alternative.TWO_SIDED ? alpha / 2 : alpha));
        long ql = nm - qu;
        return switch (alternative) {
            case TWO_SIDED -> new double[] {diffs.kth(qu), diffs.kth(ql + 1)};
            case GREATER -> new double[] {diffs.kth(qu), Double.POSITIVE_INFINITY};
            case LESS -> new double[] {Double.NEGATIVE_INFINITY, diffs.kth(ql + 1)};
        };
    }

    /** Φ(z) through erfc, which keeps its relative accuracy far into the lower tail (tiny p-values). */
    static double normalCdf(double z) {
        return 0.5 * Erf.erfc(-z / Math.sqrt(2));
    }
}
