#!/usr/bin/env python3
"""Score akhbar's gazetteer matching against the labelled mentions (issue 17).

  python3 eval/entities/score.py [dev|test|both] [--gazetteer default|world] [--verbose]

Runs eval/entities/predict.lua over each labelled article (title and
content) and compares the matches with the labels of dev.jsonl/test.jsonl.
A match is right when it overlaps a labelled mention of the same type
(PER, ORG, LOC; the gazetteer's types are mapped: person -> PER,
org -> ORG, place/country/city -> LOC); labels and matches pair one to one.
  precision = right matches / matches
  recall    = found labels / labels
(The issue's "recall of mentions whose entity is in the gazetteer" needs
the gazetteer's coverage of each labelled entity: not measured yet.)
--verbose lists false matches and misses (dev only: keep test unseen).
Build directory: $AKHBAR_BUILD (default <repo>/build).
"""
import collections
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))
import lib  # noqa: E402  (eval/lib.py)
TYPES = {"person": "PER", "per": "PER", "org": "ORG", "organisation": "ORG", "organization": "ORG",
         "place": "LOC", "loc": "LOC", "location": "LOC", "country": "LOC", "city": "LOC", "region": "LOC",
         "gpe": "LOC"}


def load(half):
    return lib.load_jsonl(os.path.join(HERE, half + ".jsonl"))


def predict(arts, gaz):
    records = ({"line": str(line), "title": a.get("title") or "", "content": a.get("content") or ""}
               for line, a in arts.items())
    out = lib.run_predictor(os.path.join(HERE, "predict.lua"), records, gaz)
    return {line: o["mentions"] for line, o in out.items()}


def spans(art, mentions):
    """(start, stop) of each label: its occurrence-th match in its field."""
    out = []
    for m in mentions:
        text = art.get(m["field"]) or ""
        i, k = -1, 0
        while k < m["occurrence"]:
            i = text.find(m["text"], i + 1)
            if i < 0:
                break
            k += 1
        out.append((i, i + len(m["text"])))
    return out


def gtype(t):
    return TYPES.get((t or "").lower(), (t or "").upper())


def score(half, arts, preds, verbose):
    labels = load(half)
    n_gold = n_pred = n_right = 0
    by_type = collections.Counter()
    found_by_type = collections.Counter()
    pred_by_type = collections.Counter()
    right_by_type = collections.Counter()
    for row in labels:
        art = arts[row["line"]]
        gold = row["mentions"]
        gs = spans(art, gold)
        pred = preds.get(row["line"], [])
        n_gold += len(gold)
        n_pred += len(pred)
        pairs = []
        for gi, g in enumerate(gold):
            for pi, p in enumerate(pred):
                if p["field"] != g["field"] or gtype(p["type"]) != g["type"]:
                    continue
                ov = min(gs[gi][1], p["stop"]) - max(gs[gi][0], p["start"])
                if ov > 0:
                    pairs.append((ov, gi, pi))
        pairs.sort(reverse=True)
        gm, pm = {}, {}
        for ov, gi, pi in pairs:
            if gi in gm or pi in pm:
                continue
            gm[gi], pm[pi] = pi, gi
        for gi, g in enumerate(gold):
            by_type[g["type"]] += 1
            if gi in gm:
                found_by_type[g["type"]] += 1
            elif verbose:
                print("MISS  %d [%s] %s (%s)" % (row["line"], g["type"], g["text"], g["entity"]))
        for pi, p in enumerate(pred):
            pred_by_type[gtype(p["type"])] += 1
            if pi in pm:
                n_right += 1
                right_by_type[gtype(p["type"])] += 1
            elif verbose:
                text = art.get(p["field"]) or ""
                print("FALSE %d [%s] %s -> %s" % (row["line"], gtype(p["type"]), text[p["start"]:p["stop"]], p["name"]))

    ratio = lib.ratio
    print("== %s: %d articles, %d labelled mentions, %d matches" % (half, len(labels), n_gold, n_pred))
    print("  precision %s  recall %s" % (ratio(n_right, n_pred), ratio(sum(found_by_type.values()), n_gold)))
    for t in ("PER", "ORG", "LOC"):
        print("  %s: precision %s  recall %s" % (t, ratio(right_by_type[t], pred_by_type[t]),
                                                 ratio(found_by_type[t], by_type[t])))


def main():
    args = sys.argv[1:]
    half, gaz, verbose = "dev", "default", False
    corpus_path = lib.CORPUS
    i = 0
    while i < len(args):
        a = args[i]
        if a in ("dev", "test", "both"):
            half = a
        elif a == "--gazetteer":
            i += 1
            gaz = args[i]
        elif a in ("-v", "--verbose"):
            verbose = True
        else:
            sys.exit("usage: score.py [dev|test|both] [--gazetteer default|world] [--verbose]")
        i += 1
    if verbose and half != "dev":
        sys.exit("score.py: --verbose is for the dev half only")
    halves = ["dev", "test"] if half == "both" else [half]
    wanted = set()
    for h in halves:
        wanted |= {r["line"] for r in load(h)}
    arts = lib.corpus_lines(corpus_path, wanted)
    preds = predict(arts, gaz)
    for h in halves:
        score(h, arts, preds, verbose)


if __name__ == "__main__":
    main()
