#!/usr/bin/env python3
"""Check the quote labels against the corpus and the draw (stdlib only).

  python3 eval/quotes/check.py      # exit 1 on any problem; prints counts

Every speaker_written, verb and quote must occur in its field (plain
substring search), enums must be valid, and dev/test must hold exactly the
articles that sample.py assigns to them, in draw order; test2 must hold the
articles of the second draw (sample.py --second), in draw order.
"""
import collections
import gzip
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import sample  # noqa: E402

KEYS = ["speaker_written", "speaker_canonical", "speaker_role", "resolution",
        "verb", "class", "quote", "kind", "field"]
RESOLUTION = {"written", "carried", "pronoun", "role"}
CLASS = {"statement", "affirmation", "denial", "announcement", "warning",
         "call", "expectation", "according-to"}


def check_file(half, path, arts, drawn):
    """Check one label file against the corpus and its draw; return problems."""
    bad = 0
    with open(path, encoding="utf-8") as f:
        objs = [json.loads(r) for r in f if r.strip()]
    lines = [o["line"] for o in objs]
    if lines != drawn:
        print(half, "articles differ from the draw:", lines, drawn)
        bad += 1
    stat = collections.Counter()
    for o in objs:
        art = arts[o["line"]]
        if o["url"] != art["url"] or o["source"] != art["source"]:
            print(half, o["line"], "url/source mismatch")
            bad += 1
        if not o["quotes"]:
            print(half, o["line"], "no quotes")
            bad += 1
        for i, q in enumerate(o["quotes"]):
            where = f"{half} line {o['line']} quote {i}"
            if sorted(q) != sorted(KEYS):
                print(where, "keys", sorted(q))
                bad += 1
                continue
            text = art.get(q["field"]) or ""
            for k in ("speaker_written", "verb", "quote"):
                if q[k] is not None and q[k] not in text:
                    print(where, k, "not found:", q[k])
                    bad += 1
            if q["speaker_written"] is not None and q["resolution"] == "carried":
                print(where, "carried speaker must be null")
                bad += 1
            if not q["quote"] or not q["verb"] or not q["speaker_canonical"]:
                print(where, "empty quote, verb or canonical speaker")
                bad += 1
            if q["resolution"] not in RESOLUTION or q["class"] not in CLASS \
                    or q["kind"] not in ("direct", "reported") \
                    or q["field"] not in ("title", "content"):
                print(where, "bad enum")
                bad += 1
            if q["speaker_written"] is None and q["resolution"] not in ("carried", "pronoun"):
                print(where, "null speaker_written needs carried/pronoun")
                bad += 1
            stat["quotes"] += 1
            stat[q["kind"]] += 1
            stat["class:" + q["class"]] += 1
            stat["resolution:" + q["resolution"]] += 1
            stat["field:" + q["field"]] += 1
    print(half, "articles", len(objs), dict(sorted(stat.items())))
    return bad


def main():
    rows = sample.candidates()
    arts = {line: art for line, art in rows}
    counts = sample.labelled_counts()
    drawn = {"dev": [], "test": []}
    for line, half, _ in sample.draw(rows, set(sample.SKIPPED), counts):
        if half:
            drawn[half].append(line)
    bad = 0
    for half in ("dev", "test"):
        bad += check_file(half, os.path.join(HERE, half + ".jsonl"), arts,
                          drawn[half])
    # Second test half: its own draw (sample.py --second).
    rows2 = sample.second_candidates()
    drawn2 = [line for line, half, _ in sample.second_draw(
        rows2, set(sample.SECOND_SKIPPED), sample.second_counts()) if half]
    path2 = os.path.join(HERE, "test2.jsonl")
    if os.path.exists(path2):
        bad += check_file("test2", path2, arts, drawn2)
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
