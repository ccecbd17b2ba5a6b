#!/usr/bin/env python3
"""Check what sitrep_spark.py wrote against a plain `sitrep extract` run on the same input.

    check_spark_output.py --output DIR --expected plain.jsonl [--expect-error DOC_ID ...]

Reads the Parquet with Spark (or pyarrow), in either layout: the Spark job's one dataset
partitioned by record type (DIR/record=event, DIR/record=control, DIR/record=error) or the Ray
job's three datasets (DIR/events, DIR/control, DIR/errors). Flattens the expected JSON Lines with
plain Python (independently of the jobs' own flattening) and requires the same multiset of rows,
record for record and field for field (rows compared by digest, streamed: a few hundred bytes
of memory per row, whatever the size of the output). Exit 0 when equal; 1 with a sample of
the differences otherwise.
"""

import argparse
import collections
import hashlib
import json
import os
import sys


def _get(rec, path):
    cur = rec
    for part in path.split("."):
        if cur is None:
            return None
        if part in ("first", "last") and isinstance(cur, dict) and "range" in cur:
            r = cur.get("range")
            return None if not r else r[0 if part == "first" else 1]
        cur = cur.get(part)
    return cur


def _row_text(row):
    return json.dumps(row, sort_keys=True)


def _digest(text):
    return hashlib.blake2b(text.encode("utf-8"), digest_size=12).digest()


def expected_rows(path, columns, record):
    """The flattened rows of one record type of the plain run, one at a time."""
    with open(path, encoding="utf-8") as f:
        for line in f:
            if not line.strip():
                continue
            rec = json.loads(line)
            if rec.get("record") != record:
                continue
            row = []
            for c in columns:
                v = _get(rec, c)
                if c == "sources":
                    v = [[s.get("name"), s.get("role"), s.get("anonymous"), s.get("start"), s.get("end")] for s in (v or [])]
                row.append(v)
            yield row


def spark_rows(spark, path, columns):
    """The rows of one record type of the job's Parquet, one at a time (streamed to the driver
    partition by partition, so that a large output fits in a small heap)."""
    import datetime

    names = [c.replace(".", "_") for c in columns]
    if spark is None:  # pyarrow reader (Ray's venv has no Spark)
        import pyarrow.dataset as ds

        dataset = ds.dataset(path, format="parquet", partitioning="hive")
        found = ([r[n] for n in names] for b in dataset.to_batches(columns=names) for r in b.to_pylist())
    else:
        # As JSON text (null fields left out), written by Spark to a scratch folder and read here
        # line by line, rather than collected to the driver.
        found = ([d.get(n) for n in names] for d in (json.loads(s) for s in _spark_json_lines(spark, path, names)))
    for r in found:
        row = []
        for c, v in zip(columns, r):
            if isinstance(v, datetime.date):
                v = v.isoformat()
            if c == "sources":
                v = [[s.get(k) for k in ("name", "role", "anonymous", "start", "end")] if isinstance(s, dict) else list(s)
                     for s in (v or [])]
            row.append(v)
        yield row


def _spark_json_lines(spark, path, names):
    import glob
    import shutil
    import tempfile

    tmp = tempfile.mkdtemp(prefix="sitrep-check-")
    try:
        out = os.path.join(tmp, "rows")
        spark.read.parquet(path).select(*names).toJSON().saveAsTextFile(out)
        for part in sorted(glob.glob(os.path.join(out, "part-*"))):
            with open(part, encoding="utf-8") as f:
                for line in f:
                    yield line
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def compare(name, got, want):
    """Equal multisets of rows? `got` and `want` are functions returning fresh row iterators:
    rows are compared by digest in one pass over each side, and read a second time only to show
    a few differing rows."""
    g = collections.Counter(_digest(_row_text(r)) for r in got())
    w = collections.Counter(_digest(_row_text(r)) for r in want())
    ng, nw = sum(g.values()), sum(w.values())
    if g == w:
        print("check: %s: %d rows equal" % (name, ng))
        return True
    print("check: %s differ: spark %d rows, plain %d rows" % (name, ng, nw))
    for label, side, rows in (("plain", w - g, want), ("spark", g - w, got)):
        shown = 0
        for r in rows():
            t = _row_text(r)
            if _digest(t) in side and shown < 3:
                print("  only in %s: %s" % (label, t[:400]))
                shown += 1
    return False


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--output", required=True)
    ap.add_argument("--expected", required=True)
    ap.add_argument("--expect-error", action="append", default=[])
    ap.add_argument("--master", default="local[2]")
    ap.add_argument("--reader", choices=["spark", "pyarrow"], default="spark", help="how to read the Parquet")
    args = ap.parse_args(argv)

    sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "spark"))
    import sitrep_spark as job

    spark = None
    if args.reader == "spark":
        from pyspark.sql import SparkSession

        spark = (SparkSession.builder.master(args.master).appName("sitrep-check")
                 .config("spark.ui.showConsoleProgress", "false").getOrCreate())
        spark.sparkContext.setLogLevel("ERROR")
    by_record = os.path.isdir(os.path.join(args.output, "record=event"))

    def where(name, record):
        d = os.path.join(args.output, "record=" + record if by_record else name)
        if by_record and not os.path.isdir(d):
            return None  # no record of that type: no folder
        return d

    ok = True
    for name, cols, record in (
        ("events", job.EVENT_COLUMNS, "event"),
        ("control", job.CONTROL_COLUMNS, "control"),
        ("errors", ["doc_id", "error"], "error"),
    ):
        path = where(name, record)
        ok &= compare(name, lambda: spark_rows(spark, path, cols) if path else iter(()),
                      lambda: expected_rows(args.expected, cols, record))
    path = where("errors", "error")
    ids = {r[0] for r in spark_rows(spark, path, ["doc_id"])} if path else set()
    for e in args.expect_error:
        if e not in ids:
            print("check: no error record for %s" % e)
            ok = False
    events_dir = where("events", "event")
    months = [n for n in os.listdir(events_dir) if "month=" in n] if events_dir else []
    print("check: event months: %d partitions" % len(months))
    if spark is not None:
        spark.stop()
    print("check: %s" % ("ok" if ok else "FAILED"))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
