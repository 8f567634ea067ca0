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

Fresh test half (session 7): `--fresh` draws from the same candidates with
random.Random(20261209), excluding the 56 lines of the original draw above
(recomputed here, whatever the label files are called) and every line in
eval/quotes/dev.jsonl and eval/quotes/test.jsonl, skips content under 200
characters, and takes the first 40, all for the test half.

  python3 eval/dates/sample.py --fresh [CORPUS]           list the 40 (half "test")
  python3 eval/dates/sample.py --fresh --show N [CORPUS]  print position N in full

Second fresh test half (session 7, after the first fresh half was scored
once and became dev3): `--fresh2` draws from the same candidates with
random.Random(20261210), excluding the 56 lines of the original draw, the 40
lines of the `--fresh` draw (both recomputed here) and every line in
eval/quotes/dev.jsonl and eval/quotes/test.jsonl, skips content under 200
characters, and takes the first 40, all for the test half.

  python3 eval/dates/sample.py --fresh2 [CORPUS]           list the 40 (half "test")
  python3 eval/dates/sample.py --fresh2 --show N [CORPUS]  print position N in full

Third fresh test half (session 7, after the second fresh half was scored
once and became dev4): `--fresh3` draws from the same candidates with
random.Random(20261211), excluding the 56 lines of the original draw, the 40
lines of the `--fresh` draw, the 40 lines of the `--fresh2` draw (all
recomputed here) and every line in eval/quotes/*.jsonl (only their `line`
fields are read), skips content under 200 characters, and takes the first
40, all for the test half.

  python3 eval/dates/sample.py --fresh3 [CORPUS]           list the 40 (half "test")
  python3 eval/dates/sample.py --fresh3 --show N [CORPUS]  print position N in full
"""
import glob
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


FRESH_SEED = 20261209
FRESH_N = 40
QUOTES_FILES = ("dev.jsonl", "test.jsonl")


def quotes_lines():
    here = os.path.dirname(os.path.abspath(__file__))
    out = set()
    for fn in QUOTES_FILES:
        with open(os.path.join(here, "..", "quotes", fn), encoding="utf-8") as f:
            for raw in f:
                if raw.strip():
                    out.add(json.loads(raw)["line"])
    return out


def draw_fresh(path, skipped=None):
    """The fresh test half: list of (line, article), 40 long.

    `skipped`, if a list, receives the excluded lines met in the walk (as
    ("excluded", line)) and the too-short ones (as ("short", line)).
    """
    cands = candidates(path)
    exclude = {line for line, _ in draw(path)} | quotes_lines()
    return _walk(cands, FRESH_SEED, exclude, skipped)


FRESH2_SEED = 20261210


def draw_fresh2(path, skipped=None):
    """The second fresh test half: list of (line, article), 40 long.

    Excludes the original draw, the `--fresh` draw and the quotes sets;
    `skipped` as for draw_fresh.
    """
    cands = candidates(path)
    exclude = ({line for line, _ in draw(path)} | {line for line, _ in draw_fresh(path)}
               | quotes_lines())
    return _walk(cands, FRESH2_SEED, exclude, skipped)


FRESH3_SEED = 20261211


def all_quotes_lines():
    """The `line` of every record in eval/quotes/*.jsonl (for `--fresh3`)."""
    here = os.path.dirname(os.path.abspath(__file__))
    out = set()
    for fn in sorted(glob.glob(os.path.join(here, "..", "quotes", "*.jsonl"))):
        with open(fn, encoding="utf-8") as f:
            for raw in f:
                if raw.strip():
                    out.add(json.loads(raw)["line"])
    return out


def draw_fresh3(path, skipped=None):
    """The third fresh test half: list of (line, article), 40 long.

    Excludes the original draw, the `--fresh` and `--fresh2` draws and every
    line of eval/quotes/*.jsonl; `skipped` as for draw_fresh.
    """
    cands = candidates(path)
    exclude = ({line for line, _ in draw(path)} | {line for line, _ in draw_fresh(path)}
               | {line for line, _ in draw_fresh2(path)} | all_quotes_lines())
    return _walk(cands, FRESH3_SEED, exclude, skipped)


def _walk(cands, seed, exclude, skipped):
    order = list(range(len(cands)))
    random.Random(seed).shuffle(order)
    chosen = []
    for i in order:
        line, a = cands[i]
        if line in exclude:
            if skipped is not None:
                skipped.append(("excluded", line))
            continue
        if len(a["content"]) < MIN_CHARS:
            if skipped is not None:
                skipped.append(("short", line))
            continue
        chosen.append((line, a))
        if len(chosen) == FRESH_N:
            break
    return chosen


def show(pos, line, a):
    print(f"=== position {pos}  line {line}  {a['source']}  {a['url']}")
    print(f"crawled {a.get('date_extracted')}")
    print(f"TITLE: {a.get('title')}")
    print("CONTENT:")
    print(a["content"])
    print()


def main_fresh(args, drawer=draw_fresh):
    show_pos = None
    if "--show" in args:
        k = args.index("--show")
        show_pos = int(args[k + 1])
        del args[k:k + 2]
    path = args[0] if args else default_corpus()
    skipped = []
    chosen = drawer(path, skipped)
    if show_pos is not None:
        line, a = chosen[show_pos]
        show(show_pos, line, a)
        return
    for pos, (line, a) in enumerate(chosen):
        print(f"test\t{pos}\t{line}\t{a['source']}\t{a['url']}")
    for why, line in skipped:
        print(f"# skipped ({why}): {line}", file=sys.stderr)


def main():
    if "--fresh3" in sys.argv[1:]:
        args = [x for x in sys.argv[1:] if x != "--fresh3"]
        return main_fresh(args, draw_fresh3)
    if "--fresh2" in sys.argv[1:]:
        args = [x for x in sys.argv[1:] if x != "--fresh2"]
        return main_fresh(args, draw_fresh2)
    if "--fresh" in sys.argv[1:]:
        args = [x for x in sys.argv[1:] if x != "--fresh"]
        return main_fresh(args)
    path = sys.argv[1] if len(sys.argv) > 1 else default_corpus()
    for pos, (line, a) in enumerate(draw(path)):
        half = "dev" if pos % 2 == 0 else "test"
        print(f"{half}\t{pos}\t{line}\t{a['source']}\t{a['url']}")


if __name__ == "__main__":
    main()
