#!/usr/bin/env python3
"""Writes a large JMeter CSV JTL for the summarize benchmark, in the real format of
src/test/resources/loadtest/real/jmeter/results.jtl (JMeter 5.6.3's default 17 columns): its rows are the templates,
with time stamps moving on and elapsed times drawn around each label's own. Seeded.
Usage: make_jtl.py ROWS OUT"""
import csv
import random
import sys

SAMPLE = "src/test/resources/loadtest/real/jmeter/results.jtl"


def main(rows, out):
    with open(SAMPLE, newline="") as f:
        reader = csv.reader(f)
        header = next(reader)
        templates = list(reader)
    rng = random.Random(3)
    labels = sorted({t[2] for t in templates}) + ["GET /search?q=%d" % i for i in range(7)]
    t = int(templates[0][0])
    with open(out, "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        for i in range(rows):
            row = list(templates[i % len(templates)])
            label = labels[i % len(labels)]
            elapsed = int(rng.lognormvariate(4, 0.5))
            t += rng.randint(0, 2)
            ok = rng.random() >= 0.01
            row[0] = str(t)
            row[1] = str(elapsed)
            row[2] = label
            row[3] = "200" if ok else "500"
            row[4] = "OK" if ok else "Internal Server Error"
            row[7] = "true" if ok else "false"
            row[14] = str(max(elapsed - 3, 0))
            w.writerow(row)


if __name__ == "__main__":
    main(int(sys.argv[1]), sys.argv[2])
