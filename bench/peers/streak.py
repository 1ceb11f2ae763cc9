#!/usr/bin/env python3
"""Peer for `marketdash streak A B --as-of D`: plain Python (csv module; pandas is not installed here).

Reads the two price CSVs (date,...,close), takes the sessions both have up to D, compares the daily
returns and prints the current streak of A beating B, the streak history and how long ago a streak
was at least as long. Usage: streak.py A.csv B.csv YYYY-MM-DD
"""
import csv
import json
import sys


def closes(path, as_of):
    with open(path, newline="") as f:
        rows = csv.reader(f)
        head = [h.strip().lower() for h in next(rows)]
        d, c = head.index("date"), head.index("close")
        return {r[d]: float(r[c]) for r in rows if r and r[d] <= as_of}


a_path, b_path, as_of = sys.argv[1], sys.argv[2], sys.argv[3]
a, b = closes(a_path, as_of), closes(b_path, as_of)
dates = sorted(set(a) & set(b))
runs, start, length = [], None, 0
for prev, day in zip(dates, dates[1:]):
    beat = a[day] / a[prev] > b[day] / b[prev]
    if beat:
        start = day if length == 0 else start
        length += 1
    elif length:
        runs.append({"length": length, "start": start, "end": prev})
        length = 0
if length:
    runs.append({"length": length, "start": start, "end": dates[-1]})
current = runs[-1] if runs and runs[-1]["end"] == dates[-1] else {"length": 0}
longer = [r for r in runs[:-1] if r["length"] >= current["length"]] if current["length"] else []
print(json.dumps({"asOf": dates[-1], "current": current, "longestSince": longer[-1] if longer else None,
                  "streaks": len(runs), "history": runs[::-1]}))
