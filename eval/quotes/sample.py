#!/usr/bin/env python3
"""Draw the quote-attribution evaluation sample (stdlib only).

Reads every corpus line (0-based index = `line`), keeps articles whose content
has 300..6000 characters, shuffles them with random.Random(16016), drops the
lines used by eval/dates/*.jsonl (if any) and walks the shuffled list.  Each
article is read by hand: the ones with no attributed statement are listed in
SKIPPED below (and in README.md); the others are kept and assigned
alternately dev, test, dev, ... until both halves have 30 articles (or both
already have >= 110 quotes and >= 26 articles).

  python3 eval/quotes/sample.py              # print the draw: line, half
  python3 eval/quotes/sample.py --show N     # print the next N undecided
                                             # candidates in full, for reading
"""
import glob
import gzip
import json
import os
import random
import sys

SEED = 16016
MIN_CHARS, MAX_CHARS = 300, 6000
PER_HALF = 30
EARLY_QUOTES, EARLY_ARTICLES = 110, 26

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
CORPUS = os.environ.get(
    "AKHBAR_CORPUS",
    os.path.join(ROOT, "..", "shared", "corpus", "saudinewsnet.jsonl.gz"))

# Lines read in full and found to contain no attributed statement.
SKIPPED = [
    21212,  # aljazirah: club award ceremony, no statement
    13961,  # alriyadh: wedding notice
    3798,   # alriyadh: museum visitors, «أبدى الزوار إعجابهم» only
    9870,   # okaz: match report, no statement
    5328,   # aljazirah: "this day in history" list
    21869,  # alriyadh: stock market report, no statement
    14592,  # alyaum: archery results, thanks conveyed only
    4413,   # alwatan: humour column, no attributed statement
    21954,  # alriyadh: municipal council meeting, decisions only
    29193,  # was: meeting notice, no statement
]


def dates_lines():
    used = set()
    for path in glob.glob(os.path.join(ROOT, "eval", "dates", "*.jsonl")):
        with open(path, encoding="utf-8") as f:
            for row in f:
                row = row.strip()
                if row:
                    obj = json.loads(row)
                    if "line" in obj:
                        used.add(int(obj["line"]))
    return used


def candidates():
    rows = []
    with gzip.open(CORPUS, "rt", encoding="utf-8") as f:
        for i, raw in enumerate(f):
            art = json.loads(raw)
            n = len(art.get("content") or "")
            if MIN_CHARS <= n <= MAX_CHARS:
                rows.append((i, art))
    random.Random(SEED).shuffle(rows)
    # Dropped after the shuffle, not before: the dates set grows while it is
    # labelled, and filtering first would reshuffle every position.
    excluded = dates_lines()
    return [r for r in rows if r[0] not in excluded]


def labelled_counts():
    counts = {}
    for half in ("dev", "test"):
        path = os.path.join(HERE, half + ".jsonl")
        if os.path.exists(path):
            with open(path, encoding="utf-8") as f:
                counts.update({json.loads(r)["line"]: len(json.loads(r)["quotes"])
                               for r in f if r.strip()})
    return counts


def draw(rows, skipped, counts):
    """Yield (line, half or None, art); stops when the sample is complete."""
    n = {"dev": 0, "test": 0}
    q = {"dev": 0, "test": 0}
    for line, art in rows:
        if n["dev"] >= PER_HALF and n["test"] >= PER_HALF:
            return
        if (min(q.values()) >= EARLY_QUOTES
                and min(n.values()) >= EARLY_ARTICLES):
            return
        if line in skipped:
            yield line, None, art
            continue
        half = "dev" if n["dev"] == n["test"] else "test"
        n[half] += 1
        q[half] += counts.get(line, 0)
        yield line, half, art


def main(argv):
    rows = candidates()
    skipped = set(SKIPPED)
    counts = labelled_counts()
    if len(argv) > 2 and argv[1] == "--show":
        want = int(argv[2])
        shown = 0
        for line, half, art in draw(rows, skipped, counts):
            if half is None or line in counts:
                continue
            print("=" * 70)
            print("line", line, "half", half, "source", art["source"])
            print("url", art["url"])
            print("TITLE:", art["title"])
            print("AUTHOR:", art["author"])
            print(art["content"])
            shown += 1
            if shown >= want:
                break
        return
    for line, half, art in draw(rows, skipped, counts):
        print(line, half or "skipped", art["source"], sep="\t")


if __name__ == "__main__":
    main(sys.argv)
