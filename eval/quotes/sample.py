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

Second test half (session 7), `--second`: the same candidates shuffled with
random.Random(16017); dropped after the shuffle are the lines of dev.jsonl,
test.jsonl, the first draw's SKIPPED and eval/dates/*.jsonl.  The walk keeps
every article with an attributed statement (all go to test2.jsonl; the
others are listed in SECOND_SKIPPED) and stops once it has >= 26 articles
and >= 120 quotes, or at 30 articles.

  python3 eval/quotes/sample.py --second            # line, test2/skipped
  python3 eval/quotes/sample.py --second --show N   # next N undecided
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

SECOND_SEED = 16017
SECOND_MIN_ARTICLES, SECOND_MIN_QUOTES, SECOND_MAX_ARTICLES = 26, 120, 30

# Second draw: lines read in full and found to contain no attributed statement.
SECOND_SKIPPED = [
    29352,  # 3alyoum: beach feature, «ورصدت وكالة الأنباء السعودية» only
    17680,  # 3alyoum: gold market report, no statement
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


def candidates(seed=SEED):
    rows = []
    with gzip.open(CORPUS, "rt", encoding="utf-8") as f:
        for i, raw in enumerate(f):
            art = json.loads(raw)
            n = len(art.get("content") or "")
            if MIN_CHARS <= n <= MAX_CHARS:
                rows.append((i, art))
    random.Random(seed).shuffle(rows)
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


def jsonl_lines(name):
    """The `line` fields of eval/quotes/<name>.jsonl (nothing else is read)."""
    path = os.path.join(HERE, name + ".jsonl")
    lines = []
    if os.path.exists(path):
        with open(path, encoding="utf-8") as f:
            lines = [int(json.loads(r)["line"]) for r in f if r.strip()]
    return lines


def second_candidates():
    """Candidates of the second draw, in walking order."""
    rows = candidates(SECOND_SEED)
    excluded = (set(jsonl_lines("dev")) | set(jsonl_lines("test"))
                | set(SKIPPED))
    return [r for r in rows if r[0] not in excluded]


def second_counts():
    counts = {}
    path = os.path.join(HERE, "test2.jsonl")
    if os.path.exists(path):
        with open(path, encoding="utf-8") as f:
            for r in f:
                if r.strip():
                    obj = json.loads(r)
                    counts[obj["line"]] = len(obj["quotes"])
    return counts


def second_draw(rows, skipped, counts):
    """Yield (line, "test2" or None, art); stops when the sample is complete."""
    n = q = 0
    for line, art in rows:
        if n >= SECOND_MAX_ARTICLES:
            return
        if n >= SECOND_MIN_ARTICLES and q >= SECOND_MIN_QUOTES:
            return
        if line in skipped:
            yield line, None, art
            continue
        n += 1
        q += counts.get(line, 0)
        yield line, "test2", art


def show(walk, counts, want):
    shown = 0
    for line, half, art in walk:
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


def main_second(argv):
    rows = second_candidates()
    counts = second_counts()
    walk = second_draw(rows, set(SECOND_SKIPPED), counts)
    if len(argv) > 1 and argv[0] == "--show":
        show(walk, counts, int(argv[1]))
        return
    for line, half, art in walk:
        print(line, half or "skipped", art["source"], sep="\t")


def main(argv):
    if len(argv) > 1 and argv[1] == "--second":
        main_second(argv[2:])
        return
    rows = candidates()
    skipped = set(SKIPPED)
    counts = labelled_counts()
    if len(argv) > 2 and argv[1] == "--show":
        show(draw(rows, skipped, counts), counts, int(argv[2]))
        return
    for line, half, art in draw(rows, skipped, counts):
        print(line, half or "skipped", art["source"], sep="\t")


if __name__ == "__main__":
    main(sys.argv)
