"""Shared helpers of the Python scorers (eval/quotes/score.py,
eval/entities/score.py): the repository's paths, label files, corpus lines
and the run of a Lua predictor over flat article records."""
import gzip
import json
import os
import subprocess
import sys
import tempfile

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
CORPUS = os.path.join(ROOT, "..", "shared", "corpus", "saudinewsnet.jsonl.gz")


def load_jsonl(path):
    """The objects of a JSON Lines file."""
    with open(path, encoding="utf-8") as f:
        return [json.loads(r) for r in f if r.strip()]


def corpus_lines(path, wanted):
    """{line: record} for the 0-based corpus lines in `wanted`."""
    out = {}
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for i, raw in enumerate(f):
            if i in wanted:
                out[i] = json.loads(raw)
    return out


def run_predictor(script, records, *args):
    """Run `lua5.4 script TMP args...` over flat records (dicts of strings,
    written to TMP as JSON Lines); return {line: field} of its output
    objects, `field` being everything but "line"."""
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False, encoding="utf-8") as tmp:
        for rec in records:
            tmp.write(json.dumps(rec, ensure_ascii=False) + "\n")
        name = tmp.name
    env = dict(os.environ)
    env.setdefault("AKHBAR_BUILD", os.path.join(ROOT, "build"))
    try:
        res = subprocess.run(["lua5.4", script, name, *args], capture_output=True, text=True, env=env, cwd=ROOT)
    finally:
        os.unlink(name)
    if res.returncode != 0:
        sys.exit(os.path.basename(script) + " failed:\n" + res.stderr)
    out = {}
    for r in res.stdout.splitlines():
        if r.strip():
            o = json.loads(r)
            out[int(o.pop("line"))] = o
    return out


def ratio(a, b):
    return "%.3f (%d/%d)" % (a / b if b else 0.0, a, b)
