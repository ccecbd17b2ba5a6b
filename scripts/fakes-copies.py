#!/usr/bin/env python3
"""The ingest benchmarks' input (docs/benchmarks-store.md): FA-KES dev articles (CC BY 4.0,
`eval/events/fakes-dev.csv` of the shared data) as JSON Lines, N times over: copy k has the id
`fakes-<unit_id>-ck` and, from copy 1 on, ` (copy k)` appended to its text, so that every copy is a
new article to the store (new id, new content hash) reporting the same happenings.

usage: scripts/fakes-copies.py SHARED N > /tmp/store-fakes-xN.jsonl
(N = 12 gives the ratio's input byte for byte; the x4 file of the equality checks also marked
copy 0 in its text, which only has to be the same for the builds compared.)
"""
import csv
import datetime
import json
import sys

shared, n = sys.argv[1], int(sys.argv[2])
with open(f"{shared}/eval/events/fakes-dev.csv", newline="", encoding="utf-8") as f:
    rows = list(csv.DictReader(f))
for k in range(n):
    for r in rows:
        day = datetime.datetime.strptime(r["date"], "%m/%d/%y").date().isoformat()
        a = {
            "id": f"fakes-{r['unit_id']}-c{k}",
            "title": r["article_title"],
            "text": r["article_content"] + (f" (copy {k})" if k else ""),
            "source": r["source"],
            "published": day,
        }
        print(json.dumps(a))
