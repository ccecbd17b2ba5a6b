#!/usr/bin/env python3
"""Compound actors of the PLOVER GSR (records with more than one gold source or target actor):
how many of their gold actors overlap an event's actor1/actor2 only, and with the associated
actors counted too. Usage: scripts/plover-assoc.py BIN [plover-gsr.json] (run from the repo root)"""
import json, subprocess, sys, unicodedata

def fold(s):
    s = unicodedata.normalize("NFKD", s or "")
    return "".join(c for c in s if not unicodedata.combining(c)).lower()

def actors_of(x):
    if not x:
        return []
    if isinstance(x, dict):
        x = [x]
    return [a for a in x if isinstance(a, dict) and a.get("actorText")]

binary = sys.argv[1]
path = sys.argv[2] if len(sys.argv) > 2 else "../shared/eval/events/plover-gsr.json"
recs = [r for r in json.load(open(path, encoding="utf-8"))[1:]
        if len(actors_of(r.get("source"))) > 1 or len(actors_of(r.get("target"))) > 1]
docs = "".join(json.dumps({"id": r["id"], "text": r["text"], "published": r.get("date")}) + "\n" for r in recs)
out = subprocess.run([binary, "extract", "--input-format", "jsonl", "-"], input=docs,
                     capture_output=True, text=True).stdout
evs = {}
for line in out.splitlines():
    e = json.loads(line)
    if e.get("record") == "event":
        evs.setdefault(e["doc_id"], []).append(e)
gold_n = main_hit = any_hit = 0
for r in recs:
    texts_main, texts_all = [], []
    for e in evs.get(r["id"], []):
        main = [a for a in (e.get("actor1"), e.get("actor2")) if a]
        texts_main += [fold(a["text"]) for a in main]
        texts_all += [fold(a["text"]) for a in main + e.get("assoc_actor1", []) + e.get("assoc_actor2", [])]
    for g in actors_of(r.get("source")) + actors_of(r.get("target")):
        gt = fold(g["actorText"].split("...")[0]).strip()
        gold_n += 1
        hit = lambda ts: any(gt in t or (t and t in gt) for t in ts)
        main_hit += hit(texts_main)
        any_hit += hit(texts_all)
print(f"plover compound records={len(recs)} gold actors={gold_n} "
      f"in actor1/actor2={main_hit / gold_n:.3f} ({main_hit}) "
      f"with assoc actors={any_hit / gold_n:.3f} ({any_hit})")
