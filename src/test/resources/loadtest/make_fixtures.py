#!/usr/bin/env python3
"""Writes the raw-format fixtures of the load-test parsers and, next to each, expected.json: the statistics computed
here independently (plain Python, nearest-rank percentiles = the value at rank ceil(p*N) of the sorted samples).
Seeded, so re-running it gives the same files. Run from this directory: python3 make_fixtures.py"""
import csv
import gzip
import io
import json
import math
import os
import random
from datetime import datetime, timedelta, timezone
from decimal import Decimal, ROUND_CEILING

BASE_MS = 1764165600000  # 2025-11-26T14:00:00Z
QUANTILES = {"p50Ms": "0.5", "p90Ms": "0.9", "p95Ms": "0.95", "p99Ms": "0.99", "p999Ms": "0.999"}


def nearest_rank(sorted_values, q):
    rank = int((Decimal(q) * len(sorted_values)).to_integral_value(rounding=ROUND_CEILING))
    return sorted_values[max(rank, 1) - 1]


def stats(samples):
    """samples: list of (start_ms, elapsed_ms, ok)."""
    values = sorted(s[1] for s in samples)
    start = min(s[0] for s in samples)
    end = max(s[0] + s[1] for s in samples)
    out = {"count": len(values), "errors": sum(1 for s in samples if not s[2]),
           "throughputPerSecond": len(values) / ((end - start) / 1000.0),
           "meanMs": math.fsum(values) / len(values), "minMs": values[0], "maxMs": values[-1]}
    for name, q in QUANTILES.items():
        out[name] = nearest_rank(values, q)
    return out


def expected(samples_by_label, path):
    everything = [s for ss in samples_by_label.values() for s in ss]
    start = min(s[0] for s in everything)
    end = max(s[0] + s[1] for s in everything)
    doc = {"startedAtMs": start, "endedAtMs": end, "total": stats(everything),
           "labels": {label: stats(ss) for label, ss in samples_by_label.items()}}
    with open(path, "w") as f:
        json.dump(doc, f, indent=1, sort_keys=True)


def generate(rng, labels, n, decimals=0):
    """Interleaved requests of several labels, log-normal latencies, a few failures, increasing start times."""
    out = []
    t = BASE_MS
    for i in range(n):
        label, median, fail_rate = labels[rng.randrange(len(labels))]
        elapsed = rng.lognormvariate(math.log(median), 0.35)
        elapsed = round(elapsed, decimals) if decimals else int(round(elapsed))
        t += rng.randint(0, 40)
        out.append((label, t, elapsed, rng.random() >= fail_rate))
    return out


def by_label(rows):
    result = {}
    for label, start, elapsed, ok in rows:
        result.setdefault(label, []).append((start, elapsed, ok))
    return result


def jmeter_csv(rng):
    os.makedirs("jmeter-csv", exist_ok=True)
    labels = [("GET /products", 40, 0.01), ("POST /cart, add", 120, 0.03), ("GET /checkout", 300, 0.0)]
    rows = generate(rng, labels, 600)
    header = ["timeStamp", "elapsed", "label", "responseCode", "responseMessage", "threadName", "dataType",
              "success", "failureMessage", "bytes", "sentBytes", "grpThreads", "allThreads", "URL", "Latency",
              "IdleTime", "Connect"]

    def row(i, label, start, elapsed, ok):
        message = "OK" if ok else "Internal Server Error"
        if i == 7:
            message = 'Multi-line\nmessage with "quotes", and a comma'
        return [start, elapsed, label, 200 if ok else 500, message, "Users 1-%d" % (i % 4 + 1), "text", str(ok).lower(),
                "" if ok else "Test failed: code expected to be 200", 1532, 211, 4, 4,
                "http://127.0.0.1:8080/" + label.split(" ")[1], max(elapsed - 3, 0), 0, 2]

    with open("jmeter-csv/default-17.jtl", "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        for i, r in enumerate(rows):
            w.writerow(row(i, *r))
    expected(by_label(rows), "jmeter-csv/default-17.expected.json")

    with open("jmeter-csv/no-header.jtl", "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        for i, r in enumerate(rows[:50]):
            w.writerow(row(i + 1, *r))
    expected(by_label(rows[:50]), "jmeter-csv/no-header.expected.json")

    # another column set and order, tab separated, as with jmeter.save.saveservice.default_delimiter=\t
    with open("jmeter-csv/custom-columns.tsv", "w", newline="") as f:
        w = csv.writer(f, delimiter="\t", lineterminator="\n")
        w.writerow(["label", "success", "elapsed", "timeStamp", "Latency"])
        for label, start, elapsed, ok in rows[:80]:
            w.writerow([label, str(ok).lower(), elapsed, start, elapsed])
    expected(by_label(rows[:80]), "jmeter-csv/custom-columns.expected.json")

    # broken: a non-numeric elapsed on line 214
    with open("jmeter-csv/default-17.jtl") as f:
        lines = f.read().split("\n")
    physical = 0
    out = []
    for line in lines:
        physical += 1
        if physical == 214:
            parts = line.split(",")
            parts[1] = "abc"
            line = ",".join(parts)
        out.append(line)
    with open("jmeter-csv/non-numeric-elapsed.jtl", "w") as f:
        f.write("\n".join(out))
    # broken: cut in the middle of the last row, as a killed JMeter leaves it
    with open("jmeter-csv/truncated.jtl", "w") as f:
        f.write("\n".join(lines[:40]) + "\n" + lines[40][:30])
    with open("jmeter-csv/unclosed-quote.jtl", "w") as f:
        f.write("\n".join(lines[:20]) + "\n" + lines[20].split(",")[0] + ',12,"GET /products\n')
    open("jmeter-csv/empty.jtl", "w").close()
    with open("jmeter-csv/header-only.jtl", "w") as f:
        f.write(",".join(header) + "\n")


def jmeter_xml(rng):
    os.makedirs("jmeter-xml", exist_ok=True)
    labels = [("home", 30, 0.02), ("search", 90, 0.05)]
    rows = generate(rng, labels, 150)
    with open("jmeter-xml/results.xml", "w") as f:
        f.write('<?xml version="1.0" encoding="UTF-8"?>\n<testResults version="1.2">\n')
        for i, (label, start, elapsed, ok) in enumerate(rows):
            attrs = 't="%d" it="0" lt="%d" ct="1" ts="%d" s="%s" lb="%s" rc="%d" rm="%s" tn="Users 1-1" dt="text" by="812" sby="120" ng="1" na="1"' % (
                elapsed, max(elapsed - 2, 0), start, str(ok).lower(), label, 200 if ok else 503, "OK" if ok else "Service Unavailable")
            if i % 10 == 0:
                # a parent with a redirect sub-result: only the parent counts
                f.write('<httpSample %s>\n  <httpSample t="%d" it="0" lt="1" ct="0" ts="%d" s="true" lb="%s-0" rc="302" rm="Found" tn="Users 1-1" dt="text" by="0" sby="0" ng="1" na="1"/>\n  <java.net.URL>http://127.0.0.1/%s</java.net.URL>\n</httpSample>\n'
                        % (attrs, max(elapsed // 3, 0), start, label, label))
            else:
                f.write('<sample %s/>\n' % attrs)
        f.write("</testResults>\n")
    expected(by_label(rows), "jmeter-xml/results.expected.json")
    with open("jmeter-xml/results.xml") as f:
        text = f.read()
    with open("jmeter-xml/truncated.xml", "w") as f:
        f.write(text[: len(text) // 2])
    with open("jmeter-xml/bad-elapsed.xml", "w") as f:
        f.write(text.replace('<sample t="', '<sample t="x', 1))


def iso(ms_float):
    t = datetime.fromtimestamp(0, timezone.utc) + timedelta(microseconds=round(ms_float * 1000))
    return t.astimezone(timezone(timedelta(hours=-3))).isoformat(timespec="microseconds")


def k6(rng):
    os.makedirs("k6-json", exist_ok=True)
    os.makedirs("k6-csv", exist_ok=True)
    labels = [("http://127.0.0.1:8080/api/items", 25, 0.02), ("checkout", 180, 0.05)]
    rows = generate(rng, labels, 300, decimals=3)
    lines = []
    for name in ("http_reqs", "http_req_duration", "http_req_failed", "vus"):
        kind = {"http_reqs": "counter", "http_req_duration": "trend", "http_req_failed": "rate", "vus": "gauge"}[name]
        lines.append(json.dumps({"type": "Metric", "data": {"name": name, "type": kind, "contains": "time" if kind == "trend" else "default",
                                                           "thresholds": [], "submetrics": None}, "metric": name}, separators=(",", ":")))
    csv_rows = []
    for label, start, elapsed, ok in rows:
        end = start + elapsed
        tags = {"expected_response": str(ok).lower(), "group": "", "method": "GET", "name": label, "proto": "HTTP/1.1",
                "scenario": "default", "status": "200" if ok else "500", "url": label if label.startswith("http") else "http://127.0.0.1:8080/" + label}
        for metric, value in (("http_reqs", 1), ("http_req_duration", elapsed), ("http_req_failed", 0 if ok else 1)):
            lines.append(json.dumps({"metric": metric, "type": "Point", "data": {"time": iso(end), "value": value, "tags": tags}}, separators=(",", ":")))
            csv_rows.append([metric, "%d" % round(end), value, "", "", "", tags["expected_response"], "", "GET", label,
                             "HTTP/1.1", "default", "", tags["status"], "", "", tags["url"], ""])
        lines.append(json.dumps({"metric": "vus", "type": "Point", "data": {"time": iso(end), "value": 5, "tags": {}}}, separators=(",", ":")))
    text = "\n".join(lines) + "\n"
    with open("k6-json/results.ndjson", "w") as f:
        f.write(text)
    raw = gzip.compress(text.encode(), mtime=0)
    with open("k6-json/results.ndjson.gz", "wb") as f:
        f.write(raw)
    with open("k6-json/truncated.ndjson.gz", "wb") as f:
        f.write(raw[: len(raw) // 2])
    broken = lines[:]
    broken[57] = broken[57].replace('"value":', '"value":"abc","was":')
    with open("k6-json/bad-value.ndjson", "w") as f:
        f.write("\n".join(broken) + "\n")
    expected(by_label(rows), "k6-json/results.expected.json")

    # k6 --out csv with K6_CSV_TIME_FORMAT=unix_milli
    with open("k6-csv/results.csv", "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["metric_name", "timestamp", "metric_value", "check", "error", "error_code", "expected_response",
                    "group", "method", "name", "proto", "scenario", "service", "status", "subproto", "tls_version",
                    "url", "extra_tags"])
        w.writerows(csv_rows)
    # the CSV holds the end to the millisecond (unix_milli), so its requests start at that end minus the duration
    csv_samples = [(label, round(start + elapsed) - elapsed, elapsed, ok) for label, start, elapsed, ok in rows]
    expected(by_label(csv_samples), "k6-csv/results.expected.json")
    with open("k6-csv/results.csv") as f:
        text = f.read().split("\n")
    text[30] = text[30].replace("http_req_duration,", "http_req_duration,", 1)
    idx = next(i for i, l in enumerate(text) if i > 40 and l.startswith("http_req_duration,"))
    parts = text[idx].split(",")
    parts[2] = "fast"
    text[idx] = ",".join(parts)
    with open("k6-csv/bad-value.csv", "w") as f:
        f.write("\n".join(text))


def gatling(rng):
    os.makedirs("gatling-log", exist_ok=True)
    labels = [("Home", 20, 0.0), ("Search", 70, 0.04)]
    rows = generate(rng, labels, 200)
    with open("gatling-log/simulation-3.9.log", "w") as f:
        f.write("RUN\tcomputerdatabase.BasicSimulation\tbasicsimulation\t%d\t \t3.9.5\n" % BASE_MS)
        f.write("USER\tUsers\tSTART\t%d\n" % BASE_MS)
        for i, (label, start, elapsed, ok) in enumerate(rows):
            group = "Browse" if label == "Search" else ""
            f.write("REQUEST\t%s\t%s\t%d\t%d\t%s\t%s\n" % (group, label, start, start + elapsed, "OK" if ok else "KO",
                                                         " " if ok else "status.find.in(200,304), but actually found 500"))
            if i % 50 == 49:
                f.write("GROUP\tBrowse\t%d\t%d\t%d\tOK\n" % (start, start + elapsed, elapsed))
        f.write("USER\tUsers\tEND\t%d\n" % (rows[-1][1] + rows[-1][2]))
    renamed = {("Browse / " + k if k == "Search" else k): v for k, v in by_label(rows).items()}
    expected(renamed, "gatling-log/simulation-3.9.expected.json")
    with open("gatling-log/simulation-3.2.log", "w") as f:
        f.write("RUN\tcomputerdatabase.BasicSimulation\tbasicsimulation\t%d\t \t3.2.1\n" % BASE_MS)
        for i, (label, start, elapsed, ok) in enumerate(rows[:60]):
            # Gatling 3.0-3.3: the user id before the groups, no scenario (their DataWriterMessageSerializer)
            f.write("REQUEST\t%d\t\t%s\t%d\t%d\t%s\t \n" % (i + 1, label, start, start + elapsed, "OK" if ok else "KO"))
    expected(by_label(rows[:60]), "gatling-log/simulation-3.2.expected.json")
    with open("gatling-log/simulation-3.9.log") as f:
        lines = f.read().split("\n")
    lines[9] = lines[9].replace("\tOK\t", "\tMAYBE\t").replace("\tKO\t", "\tMAYBE\t")
    with open("gatling-log/bad-status.log", "w") as f:
        f.write("\n".join(lines))
    # the binary log of Gatling 3.13+, cut inside a request record
    os.makedirs("gatling-log/binary", exist_ok=True)
    with open("real/gatling-versions/simulation-3.14.0.log", "rb") as f:
        head = f.read(300)
    with open("gatling-log/binary/simulation.log", "wb") as f:
        f.write(head)


def main():
    rng = random.Random(20261126)
    jmeter_csv(rng)
    jmeter_xml(rng)
    k6(rng)
    gatling(rng)


if __name__ == "__main__":
    main()
