#!/usr/bin/env python3
"""The statistics of independent_stats.py for a JMeter CSV JTL saved with a date timeStamp
(jmeter.save.saveservice.timestamp_format), plus the earliest time stamp read with that pattern, as local time
without a zone, as JMeter wrote it. Usage: jmeter_timestamps.py FILE STRPTIME-PATTERN > expected.json"""
import csv
import io
import json
import sys
from contextlib import redirect_stdout
from datetime import datetime

import independent_stats

path, pattern = sys.argv[1], sys.argv[2]
with open(path, newline="") as f:
    first = min(datetime.strptime(row["timeStamp"], pattern) for row in csv.DictReader(f))
out = io.StringIO()
with redirect_stdout(out):
    independent_stats.main(path)
expected = json.loads(out.getvalue())
expected["firstTimeStamp"] = first.isoformat(timespec="milliseconds")
json.dump(expected, sys.stdout, indent=1, sort_keys=True)
