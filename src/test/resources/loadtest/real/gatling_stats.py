#!/usr/bin/env python3
"""Statistics of a Gatling simulation.log computed here, independently of Gatling and Shipwatch: per label (groups
joined with " / " before the request name) count, KO count, mean, min, max and nearest-rank percentiles of end - start.

Reads the text log of Gatling 3.0-3.12 (tab-separated; ASSERTION records may come before RUN; up to 3.3 a REQUEST
starts with the user id) and the binary log of Gatling 3.13+, following Gatling's LogFileDataWriter: a record-type
byte (0 run, 1 request, 2 user, 3 group, 4 error); big-endian ints and longs; a string is an int byte length, then
(when not empty) the JVM's internal bytes and a coder byte (0 Latin-1, 1 UTF-16 in the writer's byte order, little
endian on x86); a cached string is an int index, positive and followed by the string the first time, its negation
after; times are int milliseconds after the run start in the run record.
Usage: gatling_stats.py simulation.log > expected.json"""
import json
import struct
import sys

from independent_stats import stats


def text_requests(data):
    with_user = False
    for line in data.decode("utf-8").split("\n"):
        fields = line.split("\t")
        if fields[0] == "RUN":
            minor = int(fields[5].strip().split(".")[1])
            with_user = minor < 4
        elif fields[0] == "REQUEST":
            f = fields[2:] if with_user else fields[1:]
            groups = [g for g in f[0].split(",") if g]
            yield groups, f[1], int(f[2]), int(f[3]), f[4] == "OK"


class Binary:
    def __init__(self, data):
        self.data, self.pos, self.cache = data, 0, {}

    def take(self, fmt):
        value = struct.unpack_from(">" + fmt, self.data, self.pos)[0]
        self.pos += struct.calcsize(">" + fmt)
        return value

    def string(self):
        length = self.take("i")
        if length == 0:
            return ""
        raw = self.data[self.pos:self.pos + length]
        self.pos += length
        return raw.decode("latin-1" if self.take("b") == 0 else "utf-16-le")

    def cached(self):
        index = self.take("i")
        if index >= 0:
            self.cache[index] = self.string()
            return self.cache[index]
        return self.cache[-index]

    def groups(self):
        return [self.cached() for _ in range(self.take("i"))]


def binary_requests(data):
    b = Binary(data)
    assert b.take("b") == 0, "not a run record"
    b.string()  # Gatling version
    b.string()  # simulation class
    start = b.take("q")
    b.string()  # run description
    for _ in range(b.take("i")):
        b.string()  # scenario names
    for _ in range(b.take("i")):
        length = b.take("i")
        b.pos += length  # a pickled assertion
    while b.pos < len(data):
        kind = b.take("b")
        if kind == 1:
            groups, name = b.groups(), b.cached()
            begin, end, ok = b.take("i"), b.take("i"), b.take("b") == 1
            b.cached()  # message
            yield groups, name, start + begin, start + end, ok
        elif kind == 2:
            b.take("i"), b.take("b"), b.take("i")
        elif kind == 3:
            b.groups(), b.take("i"), b.take("i"), b.take("i"), b.take("b")
        elif kind == 4:
            b.cached(), b.take("i")
        else:
            raise ValueError("record type %d at byte %d" % (kind, b.pos - 1))


def main(path):
    with open(path, "rb") as f:
        data = f.read()
    requests = binary_requests(data) if data[0] == 0 else text_requests(data)
    labels = {}
    for groups, name, start, end, ok in requests:
        label = " / ".join(groups + [name])
        labels.setdefault(label, []).append((label, end - start, not ok))
    everything = [r for rows in labels.values() for r in rows]
    json.dump({"total": stats(everything), "labels": {k: stats(v) for k, v in sorted(labels.items())}},
              sys.stdout, indent=1, sort_keys=True)


if __name__ == "__main__":
    main(sys.argv[1])
