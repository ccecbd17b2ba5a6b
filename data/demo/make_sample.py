#!/usr/bin/env python3
"""Regenerate data/demo/fakes-sample.jsonl: FA-KES articles (CC BY 4.0, Abu Salem et al. 2019)
for `sitrep demo`. Picks the incidents that several outlets report (same coded date and
governorate, at least two outlets) so that incident merging shows, then single reports up to 40.

Usage: python3 data/demo/make_sample.py [path/to/fakes-dev.csv] > data/demo/fakes-sample.jsonl
`published` is FA-KES's coded incident date (the articles carry no separate publication date).
"""
import collections, csv, datetime, json, sys

src = sys.argv[1] if len(sys.argv) > 1 else "../shared/eval/events/fakes-dev.csv"
rows = list(csv.DictReader(open(src, encoding="utf-8")))
groups = collections.defaultdict(list)
for r in rows:
    groups[(r["date"], r["location"])].append(r)
multi = [v for v in groups.values() if len({r["source"] for r in v}) >= 2]
multi.sort(key=lambda v: (-len({r["source"] for r in v}), v[0]["unit_id"]))
picked, seen = [], set()
for v in multi:
    if len(picked) >= 32:
        break
    for r in v:
        if r["unit_id"] not in seen and len(r["article_content"]) <= 5000:
            picked.append(r)
            seen.add(r["unit_id"])
for r in sorted(rows, key=lambda r: r["unit_id"]):
    if len(picked) >= 40:
        break
    if r["unit_id"] not in seen and len(r["article_content"]) <= 3000:
        picked.append(r)
        seen.add(r["unit_id"])
for r in picked:
    day = datetime.datetime.strptime(r["date"], "%m/%d/%y").date().isoformat()
    print(json.dumps({"id": "fakes-" + r["unit_id"], "title": r["article_title"], "text": r["article_content"],
                      "published": day, "source": r["source"]}, ensure_ascii=False))
