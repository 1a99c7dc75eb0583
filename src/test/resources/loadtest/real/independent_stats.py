#!/usr/bin/env python3
"""Statistics of one load test computed here, independently of the load tool and of Shipwatch: count, errors, mean,
min, max and nearest-rank percentiles (the value at rank ceil(p*N) of the ascending order) per label and in total.
Reads a Locust per-request log (type,name,start_time,response_time_ms,failed) or a JMeter CSV JTL (by its header)
with the plain csv module, or a JMeter XML JTL (top-level samples) with ElementTree. Usage: independent_stats.py FILE > expected.json"""
import csv
import json
import math
import sys
import xml.etree.ElementTree as ElementTree
from decimal import Decimal, ROUND_CEILING


def nearest_rank(values, q):
    rank = int((Decimal(q) * len(values)).to_integral_value(rounding=ROUND_CEILING))
    return values[max(rank, 1) - 1]


def stats(rows):
    values = sorted(r[1] for r in rows)
    out = {"count": len(values), "errors": sum(1 for r in rows if r[2]), "meanMs": math.fsum(values) / len(values),
           "minMs": values[0], "maxMs": values[-1]}
    for key, q in (("p50Ms", "0.5"), ("p90Ms", "0.9"), ("p95Ms", "0.95"), ("p99Ms", "0.99")):
        out[key] = nearest_rank(values, q)
    return out


def main(path):
    labels = {}
    if path.endswith(".xml"):
        for sample in ElementTree.parse(path).getroot():
            label = sample.get("lb")
            labels.setdefault(label, []).append((label, int(sample.get("t")), sample.get("s") != "true"))
        return dump(labels)
    with open(path, newline="") as f:
        reader = csv.DictReader(f)
        for row in reader:
            if "elapsed" in row:  # JMeter
                label, ms, failed = row["label"], int(row["elapsed"]), row["success"] != "true"
            else:  # the Locust request log
                label, ms, failed = row["type"] + " " + row["name"], float(row["response_time_ms"]), row["failed"] == "1"
            labels.setdefault(label, []).append((label, ms, failed))
    dump(labels)


def dump(labels):
    everything = [r for rows in labels.values() for r in rows]
    json.dump({"total": stats(everything), "labels": {k: stats(v) for k, v in sorted(labels.items())}},
              sys.stdout, indent=1, sort_keys=True)


if __name__ == "__main__":
    main(sys.argv[1])
