#!/usr/bin/env python3
"""Statistics of a Gatling 3.4-3.10 text simulation.log computed here, independently of Gatling and Shipwatch: per
label (groups joined with " / " before the request name) count, KO count, mean, min, max and nearest-rank percentiles
of end - start. Usage: gatling_stats.py simulation.log > expected.json"""
import json
import sys

from independent_stats import stats

labels = {}
with open(sys.argv[1], encoding="latin-1") as f:
    for line in f:
        fields = line.rstrip("\n").split("\t")
        if fields[0] != "REQUEST":
            continue
        groups, name, start, end, status = fields[1], fields[2], int(fields[3]), int(fields[4]), fields[5]
        label = name if not groups else groups.replace(",", " / ") + " / " + name
        labels.setdefault(label, []).append((label, end - start, status != "OK"))
everything = [r for rows in labels.values() for r in rows]
json.dump({"total": stats(everything), "labels": {k: stats(v) for k, v in sorted(labels.items())}},
          sys.stdout, indent=1, sort_keys=True)
