#!/usr/bin/env python3
"""Draw the entity-labelling sample from SaudiNewsNet (stdlib only).

1. Read the corpus; `line` is the 0-based line index.
2. Keep articles whose `content` has 300..4,000 characters (inclusive).
3. Shuffle that list (corpus file order) with `random.Random(17017).shuffle`.
4. Drop every line that appears in eval/dates/*.jsonl or eval/quotes/*.jsonl
   (only their `line` fields are read).
5. Walk the rest in shuffled order: positions 0, 2, 4, ... go to dev,
   1, 3, 5, ... to test.

Usage:
  python3 eval/entities/sample.py [--n N] [CORPUS]   list the first N draws
                                                    (default 60): half position line source url
  python3 eval/entities/sample.py --show N [CORPUS]  print draw N (0-based) in full
"""
import glob
import gzip
import json
import os
import random
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
EVAL = os.path.dirname(HERE)
SEED = 17017
MIN_CHARS, MAX_CHARS = 300, 4000


def default_corpus():
    repo = os.path.dirname(EVAL)
    return os.path.join(os.path.dirname(repo), "shared", "corpus", "saudinewsnet.jsonl.gz")


def excluded_lines():
    lines = set()
    for pat in ("dates/*.jsonl", "quotes/*.jsonl"):
        for path in sorted(glob.glob(os.path.join(EVAL, pat))):
            with open(path, encoding="utf-8") as f:
                for row in f:
                    row = row.strip()
                    if row:
                        lines.add(json.loads(row)["line"])
    return lines


def read_corpus(path):
    with gzip.open(path, "rt", encoding="utf-8") as f:
        return [json.loads(row) for row in f]


def draw(path=None, articles=None):
    """Return the whole drawn list as [(half, position, line, article)]."""
    if articles is None:
        articles = read_corpus(path or default_corpus())
    cands = [i for i, a in enumerate(articles)
             if MIN_CHARS <= len(a.get("content") or "") <= MAX_CHARS]
    random.Random(SEED).shuffle(cands)
    skip = excluded_lines()
    out = []
    for line in cands:
        if line in skip:
            continue
        pos = len(out)
        out.append(("dev" if pos % 2 == 0 else "test", pos, line, articles[line]))
    return out


def main():
    args = sys.argv[1:]
    show, n = None, 60
    if "--show" in args:
        i = args.index("--show")
        show = int(args[i + 1])
        del args[i:i + 2]
    if "--n" in args:
        i = args.index("--n")
        n = int(args[i + 1])
        del args[i:i + 2]
    path = args[0] if args else default_corpus()
    drawn = draw(path)
    if show is not None:
        half, pos, line, a = drawn[show]
        print(f"# {half} position {pos} line {line} source {a['source']}")
        print(f"# url {a['url']}")
        print(f"# content {len(a['content'])} chars")
        print("TITLE:", a["title"])
        print("CONTENT:")
        print(a["content"])
        return
    for half, pos, line, a in drawn[:n]:
        print(f"{half}\t{pos}\t{line}\t{a['source']}\t{a['url']}")


if __name__ == "__main__":
    main()
