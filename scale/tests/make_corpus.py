#!/usr/bin/env python3
"""Make a JSON Lines corpus for the scale tests and benchmarks from the FA-KES articles.

    make_corpus.py --fakes ../shared/eval/events/fakes-dev.csv --n 2000 --out corpus.jsonl [--malformed]

Articles are repeated with new ids (`fakes-<unit_id>-r<k>`) until --n lines are written. With
--malformed, one deliberately malformed article (`"text"` is a number) is put in the middle:
`sitrep extract` must report it as an error record and go on. With --tricky, a few copies of
articles whose id and text hold tabs, line breaks, backslashes, `\\N`, NUL and non-ASCII text
are added (what the TSV wire must carry unchanged). Standard library only.
"""

import argparse
import csv
import json
import sys

MALFORMED_ID = "malformed-0001"


def tricky(art, k):
    """A copy of `art` whose id and text hold what a flat text format must escape."""
    words = art["text"].split(" ")
    for i in range(3, len(words), 5 + k):
        words[i] = words[i] + ("\t", "\\", " \\N", "\\t", "\r\n", "\u0000", "\\e", "\t\t")[i % 8]
    text = " ".join(words).replace(" said ", " said\t«Ракка» الرقة 🚀 ", 1)
    return dict(art, id="tricky\t%d\\N" % k, text=text)


def published(mdy):
    """FA-KES dates are m/d/yy; None when unreadable."""
    try:
        m, d, y = (int(x) for x in mdy.split("/"))
    except ValueError:
        return None
    y += 2000 if y < 100 else 0
    return "%04d-%02d-%02d" % (y, m, d)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--fakes", required=True)
    ap.add_argument("--n", type=int, default=2000)
    ap.add_argument("--out", required=True)
    ap.add_argument("--malformed", action="store_true")
    ap.add_argument("--tricky", type=int, default=0, metavar="K", help="add K articles with tabs, backslashes, ...")
    args = ap.parse_args(argv)

    csv.field_size_limit(sys.maxsize)
    with open(args.fakes, newline="", encoding="utf-8") as f:
        rows = [r for r in csv.DictReader(f) if r.get("article_content", "").strip()]
    if not rows:
        sys.exit("no articles in %s" % args.fakes)
    middle = args.n // 2 if args.malformed else -1
    with open(args.out, "w", encoding="utf-8") as out:
        for i in range(args.n):
            if i == middle:
                bad = {"id": MALFORMED_ID, "title": "Malformed on purpose", "text": 12345}
                out.write(json.dumps(bad) + "\n")
                continue
            r = rows[i % len(rows)]
            art = {
                "id": "fakes-%s-r%d" % (r["unit_id"], i // len(rows)),
                "title": r["article_title"],
                "text": r["article_content"],
                "published": published(r["date"]),
                "source": r["source"],
                "url": None,
            }
            out.write(json.dumps(art, ensure_ascii=False) + "\n")
            if i < args.tricky:
                out.write(json.dumps(tricky(art, i), ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
