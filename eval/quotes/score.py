#!/usr/bin/env python3
"""Score akhbar's quote attribution against the hand-labelled set (issue 16).

  python3 eval/quotes/score.py [dev|test|test2|both] [--verbose] [--corpus PATH]

Runs eval/quotes/predict.lua (akhbar.parse over each labelled article, as
the importer parses it, plus the title) and compares its quotes with the
labels of dev.jsonl / test.jsonl (format and rules in README.md).

Matching.  A predicted quote and a labelled one match when they are in the
same field and their character spans overlap by at least half of EACH
span's length (so a prediction that swallows a neighbouring quote, or
covers only a fragment, does not match).  Labels and predictions are paired
one to one, best overlap first.
  span precision = matched predictions / predictions
  span recall    = matched labels / labels
  speaker        = the same, counting only matches whose predicted speaker
                   equals the labelled canonical speaker (after the fold
                   below); the label's speaker_written is accepted too when
                   it is a full name.
The fold: Arabic letter variants (أإآ→ا, ى→ي, ة→ه), diacritics and tatweel
dropped, «عبد ال» joined, a leading و/ف clitic and titles (الشيخ، الدكتور،
...) dropped, punctuation and quotation marks dropped.

--verbose lists every miss and false alarm; it is refused for test2, the
held-out half, whose labels must stay unseen while rules are written
(test.jsonl was scored once at the end of session 7 and is a development
half since).  `both` scores dev and test.
Build directory: $AKHBAR_BUILD (default <repo>/build).
"""
import collections
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))
import lib  # noqa: E402  (eval/lib.py)

TITLES = {"الشيخ", "الدكتور", "الدكتوره", "د", "المهندس", "المهندسه", "الاستاذ", "الاستاذه", "السيد",
          "السيده", "الامير", "الاميره", "سمو", "معالي", "فضيله", "سماحه", "اللواء", "العميد", "العقيد",
          "الفريق", "المقدم", "الرائد", "النقيب", "البروفيسور", "الملك"}


def fold(s):
    if s is None:
        return ""
    s = re.sub("[\u064B-\u065F\u0670\u0640\u200c-\u200f]", "", s)
    s = s.translate(str.maketrans("أإآٱىة", "اااايه"))
    s = re.sub(r"[^\w\s]", " ", s)
    s = re.sub(r"\bعبد\s+ال", "عبدال", s)
    s = re.sub(r"\bابو\s+", "ابو", s)
    words = s.split()
    if words and len(words[0]) > 3 and words[0][0] in "وف" and words[0][1:3] == "ال":
        words[0] = words[0][1:]
    words = [w for w in words if w not in TITLES]
    return " ".join(words)


def load_labels(half):
    return lib.load_jsonl(os.path.join(HERE, half + ".jsonl"))


def predict(arts):
    records = ({"line": str(line), "title": a.get("title") or "", "content": a.get("content") or "",
                "url": a.get("url") or "", "date_extracted": a.get("date_extracted") or ""}
               for line, a in arts.items())
    return {line: o["quotes"] for line, o in lib.run_predictor(os.path.join(HERE, "predict.lua"), records).items()}


def gold_spans(art, quotes):
    """(start, stop) of each labelled quote in its field: the first match at
    or after the previous label's start in that field, else the first."""
    last = collections.defaultdict(int)
    out = []
    for q in quotes:
        text = art.get(q["field"]) or ""
        i = text.find(q["quote"], last[q["field"]])
        if i < 0:
            i = text.find(q["quote"])
        last[q["field"]] = max(i, 0)
        out.append((i, i + len(q["quote"])))
    return out


def overlap(a, b):
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def speaker_ok(pred, gold):
    p = fold(pred.get("speaker"))
    if not p:
        return False
    if p == fold(gold.get("speaker_canonical")):
        return True
    return False


def score(half, arts, preds, verbose):
    labels = load_labels(half)
    n_gold = n_pred = n_match = n_spk = n_exact = 0
    miss_by = collections.Counter()
    gold_by = collections.Counter()
    spk_wrong_by = collections.Counter()
    cls_ok = cls_n = 0
    fa_n = 0
    for row in labels:
        line = row["line"]
        art = arts[line]
        gold = row["quotes"]
        gs = gold_spans(art, gold)
        pred = preds.get(int(line), [])
        n_gold += len(gold)
        n_pred += len(pred)
        pairs = []
        for gi, g in enumerate(gold):
            for pi, p in enumerate(pred):
                if p["field"] != g["field"] or p["start"] is None:
                    continue
                ps = (p["start"], p["stop"])
                ov = overlap(gs[gi], ps)
                if ov * 2 >= gs[gi][1] - gs[gi][0] and ov * 2 >= ps[1] - ps[0] and ov > 0:
                    pairs.append((ov, gi, pi))
        pairs.sort(reverse=True)
        gm, pm = {}, {}
        for ov, gi, pi in pairs:
            if gi in gm or pi in pm:
                continue
            gm[gi] = pi
            pm[pi] = gi
        for gi, g in enumerate(gold):
            key = "%s/%s" % (g["resolution"], g["kind"])
            gold_by[key] += 1
            if gi not in gm:
                miss_by[key] += 1
                if verbose:
                    print("MISS  %d [%s %s %s] %s | %s :: %s" % (line, g["resolution"], g["class"], g["kind"],
                          g.get("speaker_written"), g["verb"], g["quote"][:110].replace("\n", " ")))
                continue
            n_match += 1
            p = pred[gm[gi]]
            if (p["start"], p["stop"]) == gs[gi]:
                n_exact += 1
            cls_n += 1
            if p.get("verb_class") == g["class"]:
                cls_ok += 1
            if speaker_ok(p, g):
                n_spk += 1
            else:
                spk_wrong_by[g["resolution"]] += 1
                if verbose:
                    print("SPKR  %d [%s] want «%s» got «%s» (%s) :: %s" % (line, g["resolution"],
                          g["speaker_canonical"], p.get("speaker"), g["verb"], g["quote"][:70]))
        for pi, p in enumerate(pred):
            if pi not in pm:
                fa_n += 1
                if verbose:
                    print("FALSE %d [%s %s] «%s» %s :: %s" % (line, p["field"], p.get("kind"), p.get("speaker"),
                          p.get("verb_form"), (p.get("text") or "")[:110].replace("\n", " ")))

    ratio = lib.ratio
    print("== %s: %d articles, %d labelled quotes, %d predicted" % (half, len(labels), n_gold, n_pred))
    print("  span     precision %s  recall %s" % (ratio(n_match, n_pred), ratio(n_match, n_gold)))
    print("  speaker  precision %s  recall %s" % (ratio(n_spk, n_pred), ratio(n_spk, n_gold)))
    print("  exact span %s of matches; verb class %s of matches" % (ratio(n_exact, n_match), ratio(cls_ok, cls_n)))
    print("  misses by resolution/kind: " + ", ".join("%s %d/%d" % (k, miss_by[k], gold_by[k])
                                                      for k in sorted(gold_by)))
    print("  wrong speaker by resolution: " + ", ".join("%s %d" % kv for kv in sorted(spk_wrong_by.items())))
    return n_gold, n_pred, n_match, n_spk


def main():
    args = sys.argv[1:]
    half, verbose, corpus = "dev", False, lib.CORPUS
    i = 0
    while i < len(args):
        a = args[i]
        if a in ("dev", "test", "test2", "both"):
            half = a
        elif a in ("-v", "--verbose"):
            verbose = True
        elif a == "--corpus":
            i += 1
            corpus = args[i]
        else:
            sys.exit("usage: score.py [dev|test|test2|both] [--verbose] [--corpus PATH]")
        i += 1
    # test.jsonl was scored once at the end of session 7 and is a development
    # half since; test2.jsonl is the held-out half now
    if verbose and half not in ("dev", "test"):
        sys.exit("score.py: --verbose lists the labels: allowed for dev and test (spent), not test2")
    halves = ["dev", "test"] if half == "both" else [half]
    wanted = set()
    for h in halves:
        wanted |= {r["line"] for r in load_labels(h)}
    arts = lib.corpus_lines(corpus, wanted)
    preds = predict(arts)
    for h in halves:
        score(h, arts, preds, verbose)


if __name__ == "__main__":
    main()
