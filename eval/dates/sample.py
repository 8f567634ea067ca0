#!/usr/bin/env python3
"""Draw the fixed sample for the Arabic date evaluation set (stdlib only).

Reads the SaudiNewsNet corpus (one JSON object per line; `line` = 0-based
line index), keeps articles from okaz, aljazirah and aleqtisadiya (whose URLs
carry the print date) with non-empty content, shuffles the candidate line
indices (in file order) with random.Random(20261208), walks the shuffled list
skipping articles whose content is under 200 characters, takes the first 56,
and assigns positions 0,2,4,... to dev and 1,3,5,... to test.

Usage: python3 eval/dates/sample.py [CORPUS]   (default ../shared/corpus/saudinewsnet.jsonl.gz)
Prints one line per chosen article: half, position, line, source, url.
"""
import gzip
import json
import os
import random
import sys

SOURCES = {"okaz", "aljazirah", "aleqtisadiya"}
SEED = 20261208
N = 56
MIN_CHARS = 200


def default_corpus():
    here = os.path.dirname(os.path.abspath(__file__))
    return os.path.normpath(os.path.join(here, "..", "..", "..", "shared", "corpus",
                                         "saudinewsnet.jsonl.gz"))


def candidates(path):
    out = []
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for line, raw in enumerate(f):
            a = json.loads(raw)
            if a.get("source") in SOURCES and (a.get("content") or "").strip():
                out.append((line, a))
    return out


def draw(path):
    cands = candidates(path)
    order = list(range(len(cands)))
    random.Random(SEED).shuffle(order)
    chosen = []
    for i in order:
        line, a = cands[i]
        if len(a["content"]) < MIN_CHARS:
            continue
        chosen.append((line, a))
        if len(chosen) == N:
            break
    return chosen


def main():
    path = sys.argv[1] if len(sys.argv) > 1 else default_corpus()
    for pos, (line, a) in enumerate(draw(path)):
        half = "dev" if pos % 2 == 0 else "test"
        print(f"{half}\t{pos}\t{line}\t{a['source']}\t{a['url']}")


if __name__ == "__main__":
    main()
