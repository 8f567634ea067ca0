#!/usr/bin/env python3
"""Check eval/dates/{dev,dev2,dev3,dev4,test}.jsonl against the corpus and print counts (stdlib only).

Halves: dev.jsonl (positions 0, 2, 4, ... of the original seed-20261208
draw), dev2.jsonl (positions 1, 3, 5, ...: the old test half, scored once in
session 6; checked if present), dev3.jsonl (the first fresh session-7 half,
`sample.py --fresh`, scored once and then used for rule work; checked if
present), dev4.jsonl (the second fresh session-7 half, `sample.py --fresh2`,
scored once and then used for rule work; checked if present) and test.jsonl
(the third fresh session-7 half, `sample.py --fresh3`; while it is being
labelled, test.jsonl.new is checked instead if test.jsonl does not exist).
Each file must hold its whole half, one record per article, in sample order.

For every article: the record matches the corpus line (source, url,
date_extracted), url_date is the date in the URL, published is a valid date.
For every expression: `text` occurs in its field at least `occurrence` times
(plain substring search, overlapping matches counted), `value` is well-formed
for its `granularity` (day yyyy-mm-dd, month yyyy-mm, year yyyy, range
first..last with each side at its own granularity and first <= last), or null
with a `note`, and `kind`/`role` are from the fixed sets.

Usage: python3 eval/dates/check.py [CORPUS]
"""
import collections
import datetime
import gzip
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import sample  # noqa: E402

KINDS = {"absolute", "partial", "relative", "hijri"}
ROLES = {"news", "future", "past", "other"}
GRANS = {"day", "month", "year", "range"}
KEYS = {"line", "source", "url", "crawled", "url_date", "published", "archive", "dates"}


def shape(v):
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", v):
        datetime.date.fromisoformat(v)
        return "day"
    if re.fullmatch(r"\d{4}-\d{2}", v) and 1 <= int(v[5:]) <= 12:
        return "month"
    if re.fullmatch(r"\d{4}", v):
        return "year"
    return None


def url_date(url):
    m = (re.search(r"/Issues/(\d{4})(\d{2})(\d{2})/", url)
         or re.search(r"/\d{4}/(\d{4})(\d{2})(\d{2})/", url)
         or re.search(r"/(\d{4})/(\d{2})/(\d{2})/", url))
    return "-".join(m.groups())


def count(s, text):
    n, i = 0, s.find(text)
    while i >= 0:
        n += 1
        i = s.find(text, i + 1)
    return n


def main():
    path = sys.argv[1] if len(sys.argv) > 1 else sample.default_corpus()
    original = sample.draw(path)
    fresh = sample.draw_fresh(path)
    fresh2 = sample.draw_fresh2(path)
    fresh3 = sample.draw_fresh3(path)
    # half -> (file names tried in turn, the half's sample as [(line, article)], required)
    halves = [
        ("dev", ("dev.jsonl",), original[0::2], True),
        ("dev2", ("dev2.jsonl",), original[1::2], False),
        ("dev3", ("dev3.jsonl",), fresh, False),
        ("dev4", ("dev4.jsonl",), fresh2, False),
        ("test", ("test.jsonl", "test.jsonl.new"), fresh3, True),
    ]
    errors = []
    table = []
    for half, names, members, required in halves:
        fn = next((os.path.join(HERE, n) for n in names if os.path.exists(os.path.join(HERE, n))), None)
        if fn is None:
            print(f"{half}: missing")
            if required:
                errors.append(f"{half}: no file ({' or '.join(names)})")
            continue
        pos_of = {line: (pos, a) for pos, (line, a) in enumerate(members)}
        order = []
        n_with = 0
        kinds, roles, grans = collections.Counter(), collections.Counter(), collections.Counter()
        n_art = n_expr = n_null = 0
        seen = set()
        for ln, raw in enumerate(open(fn, encoding="utf-8"), 1):
            r = json.loads(raw)
            where = f"{half}:{ln} line {r.get('line')}"
            missing = KEYS - set(r)
            if missing:
                errors.append(f"{where}: missing keys {sorted(missing)}")
                continue
            if r["line"] not in pos_of:
                errors.append(f"{where}: not in this half's sample")
                continue
            pos, a = pos_of[r["line"]]
            order.append(pos)
            if r["line"] in seen:
                errors.append(f"{where}: duplicate")
            seen.add(r["line"])
            for k, ck in (("source", "source"), ("url", "url"), ("crawled", "date_extracted")):
                if r[k] != a[ck]:
                    errors.append(f"{where}: {k} differs from the corpus")
            if r["url_date"] != url_date(a["url"]):
                errors.append(f"{where}: url_date {r['url_date']} != {url_date(a['url'])}")
            datetime.date.fromisoformat(r["published"])
            if not isinstance(r["archive"], bool):
                errors.append(f"{where}: archive not a bool")
            n_art += 1
            n_with += bool(r["dates"])
            for e in r["dates"]:
                w = f"{where} «{e.get('text')}»"
                field = e.get("field")
                if field not in ("title", "content"):
                    errors.append(f"{w}: bad field")
                    continue
                if not isinstance(e.get("occurrence"), int) or e["occurrence"] < 1:
                    errors.append(f"{w}: bad occurrence")
                elif count(a[field] or "", e["text"]) < e["occurrence"]:
                    errors.append(f"{w}: occurs {count(a[field] or '', e['text'])} times in {field}, "
                                  f"occurrence {e['occurrence']}")
                g, v = e.get("granularity"), e.get("value")
                if g not in GRANS:
                    errors.append(f"{w}: bad granularity {g}")
                if v is None:
                    n_null += 1
                    if not e.get("note"):
                        errors.append(f"{w}: null value without a note")
                elif ".." in v:
                    a1, b1 = v.split("..", 1)
                    if not (shape(a1) and shape(b1)) or g != "range" or a1 > b1:
                        errors.append(f"{w}: bad range value {v} ({g})")
                elif shape(v) != g:
                    errors.append(f"{w}: value {v} is not a {g}")
                if e.get("kind") not in KINDS:
                    errors.append(f"{w}: bad kind {e.get('kind')}")
                if e.get("role") not in ROLES:
                    errors.append(f"{w}: bad role {e.get('role')}")
                kinds[e.get("kind")] += 1
                roles[e.get("role")] += 1
                grans[g] += 1
                n_expr += 1
        if order != list(range(len(members))):
            errors.append(f"{half}: has sample positions {order}, expected 0..{len(members) - 1} in order")
        print(f"{half} ({os.path.basename(fn)}): {n_art} articles, {n_with} with dates, "
              f"{n_expr} expressions ({n_null} null values)")
        print("  kind:", dict(sorted(kinds.items())))
        print("  role:", dict(sorted(roles.items())))
        print("  granularity:", dict(sorted(grans.items())))
        table.append([half, n_art, n_with, n_expr]
                     + [kinds[k] for k in ("absolute", "partial", "relative", "hijri")]
                     + [roles[k] for k in ("news", "future", "past", "other")]
                     + [grans[k] for k in ("day", "month", "year", "range")] + [n_null])
    print()
    print("| half | articles | with dates | expressions | absolute | partial | relative | hijri "
          "| news | future | past | other | day | month | year | range | null |")
    print("| --- |" + " ---: |" * 16)
    for row in table:
        print("| " + " | ".join(str(x) for x in row) + " |")
    print()
    for e in errors:
        print("ERROR", e)
    print("OK" if not errors else f"{len(errors)} errors")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
