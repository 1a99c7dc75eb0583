#!/usr/bin/env python3
"""Reference values for BinnedRankSum: each case's bins expanded to samples and passed to SciPy's
mannwhitneyu(candidate, baseline, alternative=..., method="asymptotic", use_continuity=True).
Run from this directory: python3 make_reference.py > reference.json"""
import json
import numpy as np
import scipy
from scipy.stats import mannwhitneyu

rng = np.random.default_rng(20261126)


def case(name, values, baseline, candidate):
    b = np.repeat(values, baseline)
    c = np.repeat(values, candidate)
    out = {"name": name, "values": list(map(float, values)), "baseline": list(map(int, baseline)),
           "candidate": list(map(int, candidate))}
    for alt, key in (("two-sided", "TWO_SIDED"), ("greater", "GREATER"), ("less", "LESS")):
        r = mannwhitneyu(c, b, alternative=alt, method="asymptotic", use_continuity=True)
        out[key] = {"u": float(r.statistic), "pValue": float(r.pvalue)}
    return out


def binned(shift, n, m, bins):
    b = np.round(rng.lognormal(np.log(80), 0.3, n))
    c = np.round(rng.lognormal(np.log(80), 0.3, m) + shift)
    values = np.unique(np.concatenate([b, c]))[:bins] if bins else np.unique(np.concatenate([b, c]))
    return values, [int((b == v).sum()) for v in values], [int((c == v).sum()) for v in values]


cases = [
    case("small with ties", [1, 2, 3, 4, 5], [2, 1, 0, 3, 0], [0, 1, 2, 1, 3]),
    case("one sample each", [10, 20], [1, 0], [0, 1]),
    case("same distribution", *binned(0, 3000, 3000, None)),
    case("candidate 25 ms slower", *binned(25, 2000, 2000, None)),
    case("candidate 2 ms slower", *binned(2, 5000, 4000, None)),
    case("candidate faster", *binned(-10, 500, 800, None)),
    case("partly all tied", [5, 6], [10, 0], [9, 1]),
]
print(json.dumps({"scipy": scipy.__version__, "cases": cases}, indent=1))
