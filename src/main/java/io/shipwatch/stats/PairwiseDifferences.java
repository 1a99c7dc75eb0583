package io.shipwatch.stats;

/**
 * The n·m differences candidate[j] − baseline[i] of two ascending samples, never materialised: order statistics
 * and counts come from a two-pointer count (O(n+m)) inside a bisection over the ordered bit patterns of doubles
 * (at most 64 steps). Exact for any sample size in O(n+m) memory, so a Hodges–Lehmann estimate over 10⁵ × 10⁵
 * points needs no approximation.
 */
final class PairwiseDifferences {
    private final double[] baseline;
    private final double[] candidate;

    PairwiseDifferences(double[] sortedBaseline, double[] sortedCandidate) {
        this.baseline = sortedBaseline;
        this.candidate = sortedCandidate;
    }

    long size() {
        return (long) baseline.length * candidate.length;
    }

    double min() {
        return candidate[0] - baseline[baseline.length - 1];
    }

    double max() {
        return candidate[candidate.length - 1] - baseline[0];
    }

    /** How many differences are ≤ t. */
    long countAtMost(double t) {
        // for a fixed j the qualifying i form a suffix of baseline, and that suffix only shrinks from the left as j grows
        long count = 0;
        int p = 0;
        int n = baseline.length;
        for (double c : candidate) {
            while (p < n && c - baseline[p] > t) {
                p++;
            }
            count += n - p;
        }
        return count;
    }

    /** The k-th smallest difference, 1-based. */
    double kth(long k) {
        if (k < 1 || k > size()) {
            throw new IllegalArgumentException("rank " + k + " outside 1.." + size());
        }
        return smallestWhere(min(), max(), t -> countAtMost(t) >= k) + 0.0; // + 0.0 turns -0.0 into 0.0
    }

    /** The median of the differences (mean of the two middle ones for an even count), as R's median(outer(...)). */
    double median() {
        long size = size();
        if (size % 2 == 1) {
            return kth(size / 2 + 1);
        }
        return (kth(size / 2) + kth(size / 2 + 1)) / 2;
    }

    interface DoublePredicate {
        boolean test(double t);
    }

    /**
     * The smallest double in [from, to] for which a predicate that is monotone (false, then true) holds; {@code to}
     * when it holds nowhere.
     */
    static double smallestWhere(double from, double to, DoublePredicate predicate) {
        long lo = key(from);
        long hi = key(to);
        if (!predicate.test(to)) {
            return to;
        }
        while (lo < hi) {
            long mid = lo + ((hi - lo) >>> 1);
            if (predicate.test(fromKey(mid))) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return fromKey(lo);
    }

    // doubles mapped to longs that sort in the same order as the doubles
    private static long key(double d) {
        long bits = Double.doubleToRawLongBits(d);
        return bits < 0 ? bits ^ Long.MAX_VALUE : bits;
    }

    private static double fromKey(long key) {
        return Double.longBitsToDouble(key < 0 ? key ^ Long.MAX_VALUE : key);
    }
}
