#!/usr/bin/env python3
"""Reference values for io.shipwatch.stats.MannWhitney.

Writes reference.json next to this script. Run: python3 make_reference.py (SciPy >= 1.11, NumPy).

- U and p-value: scipy.stats.mannwhitneyu(candidate, baseline, use_continuity=True), with method chosen as
  R's wilcox.test does: exact when both samples have fewer than 50 values and there are no ties, else asymptotic.
- Hodges-Lehmann estimate: numpy.median of all candidate[j] - baseline[i] (np.subtract.outer).
- Confidence interval, a line-by-line transcription of R's stats:::wilcox.test.default (R 4.x):
  exact case: qwilcox order statistics of the sorted differences (qwilcox/cwilcox below, exact integer counts);
  normal case: wdiff() and root() with scipy.optimize.brentq (Brent, as R's uniroot). R's tol is 1e-4; the
  reference tightens it to 1e-12, so the stored ends are the roots themselves (R reports them to within 1e-4).
- One deliberate difference from R: when every pairwise difference is the same value, R stops with "cannot compute
  confidence interval when all observations are tied"; the interval is then [that value, that value].
- Non-finite values are dropped first, as R does (x <- x[is.finite(x)]).
"""
import json
import math
import os
from functools import lru_cache

import numpy as np
from scipy import optimize, stats

DBL_EPSILON = np.finfo(float).eps


@lru_cache(maxsize=None)
def counts(n, m):
    """Number of arrangements of n x's and m y's for each U = #{x > y}: Gaussian binomial coefficients, exact ints."""
    if n == 0 or m == 0:
        return (1,)
    # the smallest element is an x (contributes 0) or a y (every x is above it: contributes n)
    a = counts(n - 1, m)
    b = counts(n, m - 1)
    out = [0] * (n * m + 1)
    for u, c in enumerate(a):
        out[u] += c
    for u, c in enumerate(b):
        out[u + n] += c
    return tuple(out)


def qwilcox(x, m, n):
    """R's nmath qwilcox, lower tail, non-log."""
    if x <= 0:
        return 0
    if x >= 1:
        return m * n
    c = math.comb(m + n, n)
    cw = counts(m, n)
    p = 0.0
    q = 0
    if x <= 0.5:
        x = x - 10 * DBL_EPSILON
        while True:
            p += cw[q] / c
            if p >= x:
                return q
            q += 1
    x = 1 - x + 10 * DBL_EPSILON
    while True:
        p += cw[q] / c
        if p > x:
            return m * n - q
        q += 1


def r_interval(x, y, conf, alternative, exact):
    nx, ny = len(x), len(y)
    alpha = 1 - conf
    if exact:
        diffs = np.sort(np.subtract.outer(x, y).ravel())
        if alternative == "two-sided":
            qu = qwilcox(alpha / 2, nx, ny)
            if qu == 0:
                qu = 1
            ql = nx * ny - qu
            return diffs[qu - 1], diffs[ql]
        qu = qwilcox(alpha, nx, ny)
        if qu == 0:
            qu = 1
        if alternative == "greater":
            return diffs[qu - 1], math.inf
        ql = nx * ny - qu
        return -math.inf, diffs[ql]
    mumin = x.min() - y.max()
    mumax = x.max() - y.min()

    def wdiff(d, zq):
        dr = stats.rankdata(np.concatenate([x - d, y]))
        _, nties = np.unique(dr, return_counts=True)
        dz = dr[:nx].sum() - nx * (nx + 1) / 2 - nx * ny / 2
        corr = {"two-sided": np.sign(dz) * 0.5, "greater": 0.5, "less": -0.5}[alternative]
        sigma = math.sqrt((nx * ny / 12) * ((nx + ny + 1) - (nties ** 3 - nties).sum() / ((nx + ny) * (nx + ny - 1))))
        return (dz - corr) / sigma - zq

    def root(zq):
        if mumin == mumax:
            # every difference is the same: R stops ("cannot compute confidence interval when all observations
            # are tied"); Shipwatch reports that one difference as both ends
            return mumin
        fl = wdiff(mumin, zq)
        fu = wdiff(mumax, zq)
        if fl <= 0:
            return mumin
        if fu >= 0:
            return mumax
        return optimize.brentq(wdiff, mumin, mumax, args=(zq,), xtol=1e-12)

    q = stats.norm.ppf
    if alternative == "two-sided":
        return root(q(1 - alpha / 2)), root(q(alpha / 2))
    if alternative == "greater":
        return root(q(1 - alpha)), math.inf
    return -math.inf, root(q(alpha))


def reference(name, baseline, candidate, conf=0.95, alternative="two-sided", note=""):
    b = np.array([v for v in baseline if math.isfinite(v)], dtype=float)
    c = np.array([v for v in candidate if math.isfinite(v)], dtype=float)
    pooled = np.concatenate([b, c])
    ties = len(np.unique(pooled)) != len(pooled)
    exact = len(b) < 50 and len(c) < 50 and not ties
    res = stats.mannwhitneyu(c, b, use_continuity=True, alternative=alternative,
                             method="exact" if exact else "asymptotic")
    lower, upper = r_interval(c, b, conf, alternative, exact)
    return {
        "name": name, "note": note,
        "baseline": list(baseline), "candidate": list(candidate),
        "confidence": conf, "alternative": alternative.upper().replace("-", "_"),
        "expected": {
            "u": float(res.statistic), "pValue": float(res.pvalue),
            "estimate": float(np.median(np.subtract.outer(c, b))),
            "lower": float(lower), "upper": float(upper),
            "exact": exact, "baselineSize": len(b), "candidateSize": len(c),
            "intervalTolerance": 0.0 if exact else 1e-9,
        },
    }


def main():
    rng = np.random.default_rng(20261126)
    cases = []
    normal30 = (rng.normal(10, 2, 30), rng.normal(10, 2, 30))
    cases.append(reference("same distribution, 30 each, exact", *[list(a) for a in normal30]))
    cases.append(reference("shifted up by 3, 20 vs 25, exact", list(rng.normal(10, 2, 20)),
                           list(rng.normal(13, 2, 25)), conf=0.98))
    cases.append(reference("shifted up, greater", list(rng.normal(10, 2, 12)), list(rng.normal(12, 2, 9)),
                           alternative="greater"))
    cases.append(reference("shifted up, less", list(rng.normal(10, 2, 12)), list(rng.normal(12, 2, 9)),
                           alternative="less"))
    cases.append(reference("small exact, 5 vs 7", [1.1, 2.3, 0.7, 4.2, 3.3], [2.9, 5.1, 4.4, 6.0, 3.8, 7.2, 5.5]))
    cases.append(reference("one value each", [1.0], [2.0]))
    cases.append(reference("one baseline value, many candidates", [5.0], list(rng.normal(6, 1, 10))))
    cases.append(reference("large, normal approximation, 60 vs 80", list(rng.normal(100, 15, 60)),
                           list(rng.normal(108, 15, 80)), conf=0.98))
    cases.append(reference("large, normal approximation, greater", list(rng.normal(100, 15, 70)),
                           list(rng.normal(104, 15, 90)), conf=0.9, alternative="greater"))
    cases.append(reference("large, normal approximation, less", list(rng.normal(100, 15, 70)),
                           list(rng.normal(96, 15, 90)), conf=0.9, alternative="less"))
    cases.append(reference("ties: whole numbers, 40 vs 45", [float(v) for v in rng.poisson(5, 40)],
                           [float(v) for v in rng.poisson(6, 45)], conf=0.98))
    cases.append(reference("ties in a small sample", [1.0, 2.0, 2.0, 3.0, 4.0], [2.0, 3.0, 3.0, 5.0, 6.0, 6.0]))
    cases.append(reference("each sample constant, different values", [1.0] * 4, [2.0] * 3))
    cases.append(reference("NaN and infinities are dropped", [1.0, float("nan"), 2.5, 3.0, float("inf"), 4.5],
                           [2.0, 3.5, float("nan"), float("nan"), 5.0, 6.5, 7.0]))
    cases.append(reference("error-rate like: many zeros", [0.0] * 30 + list(np.round(rng.exponential(0.01, 30), 4)),
                           [0.0] * 25 + list(np.round(rng.exponential(0.03, 35), 4)), conf=0.98))
    big_b = list(rng.lognormal(5, 0.3, 2000))
    big_c = list(rng.lognormal(5.05, 0.3, 1500))
    cases.append(reference("3 million pairs: beyond materialising the differences", big_b, big_c, conf=0.98))
    out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "reference.json")
    with open(out, "w") as f:
        json.dump({"generator": "make_reference.py", "scipy": __import__("scipy").__version__,
                   "numpy": np.__version__, "cases": cases}, f, indent=1)
        f.write("\n")
    print(f"wrote {len(cases)} cases to {out}")


if __name__ == "__main__":
    main()
