#!/usr/bin/env python3
"""The plain-Python baseline of the benchmark: mean and nearest-rank p95 of 'elapsed' per label and in total, with
the csv module, as a team would script it. Usage: p95.py FILE.jtl"""
import csv
import math
import sys
from collections import defaultdict

by_label = defaultdict(list)
with open(sys.argv[1], newline="") as f:
    for row in csv.DictReader(f):
        by_label[row["label"]].append(int(row["elapsed"]))
everything = [v for vs in by_label.values() for v in vs]
for label, values in sorted(by_label.items()) + [("total", everything)]:
    values.sort()
    p95 = values[max(math.ceil(0.95 * len(values)), 1) - 1]
    print("%s\t%d\t%.3f\t%d" % (label, len(values), sum(values) / len(values), p95))
