#!/usr/bin/env python3
"""Check eval/entities/{dev,test}.jsonl against the corpus and the draw, print counts (stdlib only).

For every article: the file holds its half of the draw (sample.py) in order,
from the first position on, one record per article, and `source`/`url`
match the corpus line.
For every mention: `text` occurs in its `field` at least `occurrence` times
(plain substring search, each search starting one character after the
previous match, so overlapping matches count), and that match is whole
tokens (no letter right before or after it); `type` is PER, ORG or LOC;
`entity` is non-empty; `clitic` is null or a non-empty prefix of `text`.
Mentions must come in reading order within a field (title, then content).

Usage: python3 eval/entities/check.py [CORPUS]
"""
import collections
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import sample  # noqa: E402

TYPES = ("PER", "ORG", "LOC")
FIELDS = ("title", "content")
KEYS = {"line", "source", "url", "mentions"}
MKEYS = {"text", "field", "occurrence", "type", "entity", "clitic"}


def find_nth(s, text, k):
    """Start of the k-th (1-based) substring match, or -1."""
    n, i = 0, s.find(text)
    while i >= 0:
        n += 1
        if n == k:
            return i
        i = s.find(text, i + 1)
    return -1


def isletter(ch):
    return ch.isalpha() or ch == "\u0640"


def main():
    path = sys.argv[1] if len(sys.argv) > 1 else sample.default_corpus()
    drawn = sample.draw(path)
    errors = []
    stats = {}
    for half in ("dev", "test"):
        fn = os.path.join(HERE, half + ".jsonl")
        with open(fn, encoding="utf-8") as f:
            rows = [json.loads(x) for x in f if x.strip()]
        expect = [d for d in drawn if d[0] == half][:len(rows)]
        st = stats[half] = collections.Counter()
        ents = set()
        clitics = collections.Counter()
        for r, (_, pos, line, art) in zip(rows, expect):
            where = f"{half} position {pos} line {r.get('line')}"
            if set(r) - {"note"} != KEYS:
                errors.append(f"{where}: keys {sorted(r)}")
            if r.get("line") != line:
                errors.append(f"{where}: expected line {line} (draw order)")
                continue
            if r["source"] != art["source"] or r["url"] != art["url"]:
                errors.append(f"{where}: source/url differ from the corpus")
            st["articles"] += 1
            last = {fl: -1 for fl in FIELDS}
            for m in r["mentions"]:
                mw = f"{where}: «{m.get('text')}»"
                if set(m) - {"note"} != MKEYS:
                    errors.append(f"{mw}: keys {sorted(m)}")
                    continue
                if m["field"] not in FIELDS:
                    errors.append(f"{mw}: field {m['field']!r}")
                    continue
                if m["type"] not in TYPES:
                    errors.append(f"{mw}: type {m['type']!r}")
                if not m["entity"]:
                    errors.append(f"{mw}: empty entity")
                cl = m["clitic"]
                if cl is not None and (not cl or not m["text"].startswith(cl) or cl == m["text"]):
                    errors.append(f"{mw}: clitic {cl!r} is not a proper prefix of the text")
                s = art[m["field"]]
                k = m["occurrence"]
                i = find_nth(s, m["text"], k) if isinstance(k, int) and k >= 1 else -1
                if i < 0:
                    errors.append(f"{mw}: occurrence {k} not found in {m['field']}")
                    continue
                j = i + len(m["text"])
                if (i > 0 and isletter(s[i - 1])) or (j < len(s) and isletter(s[j])):
                    errors.append(f"{mw}: occurrence {k} is not whole tokens")
                if i <= last[m["field"]]:
                    errors.append(f"{mw}: out of reading order")
                last[m["field"]] = i
                st["mentions"] += 1
                st[m["type"]] += 1
                st[m["field"]] += 1
                if cl:
                    st["clitic"] += 1
                    clitics[cl] += 1
                ents.add((m["type"], m["entity"]))
        if len(rows) > len(expect):
            errors.append(f"{half}: more rows than the draw")
        st["entities"] = len(ents)
        st["clitics"] = clitics
    if stats["dev"]["articles"] != stats["test"]["articles"]:
        errors.append("halves are not balanced")
    for e in errors:
        print("ERROR", e)
    head = ("half", "articles", "mentions", "PER", "ORG", "LOC", "title", "content", "with clitic", "distinct entities")
    print("| " + " | ".join(head) + " |")
    print("| --- |" + " ---: |" * (len(head) - 1))
    tot = collections.Counter()
    for half in ("dev", "test"):
        st = stats[half]
        vals = [st["articles"], st["mentions"], st["PER"], st["ORG"], st["LOC"], st["title"],
                st["content"], st["clitic"], st["entities"]]
        print(f"| {half} | " + " | ".join(str(v) for v in vals) + " |")
    for half in ("dev", "test"):
        print(f"{half} clitics: " + ", ".join(f"{c} {n}" for c, n in stats[half]["clitics"].most_common()))
    if errors:
        sys.exit(1)
    print("OK")


if __name__ == "__main__":
    main()
