#!/usr/bin/env python3
"""Check what sitrep_spark.py wrote against a plain `sitrep extract` run on the same input.

    check_spark_output.py --output DIR --expected plain.jsonl [--expect-error DOC_ID ...]

Reads the Parquet with Spark (or pyarrow), in either layout: the Spark job's one dataset
partitioned by record type (DIR/record=event, DIR/record=control, DIR/record=error) or the Ray
job's three datasets (DIR/events, DIR/control, DIR/errors). Flattens the expected JSON Lines with
plain Python (independently of the jobs' own flattening) and requires the same multiset of rows,
record for record and field for field. Exit 0 when equal; 1 with a sample of
the differences otherwise.
"""

import argparse
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


def expected_rows(path, columns, record):
    rows = []
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
            rows.append(row)
    return rows


def spark_rows(spark, path, columns):
    import datetime

    names = [c.replace(".", "_") for c in columns]
    if spark is None:  # pyarrow reader (Ray's venv has no Spark)
        import pyarrow.dataset as ds

        table = ds.dataset(path, format="parquet", partitioning="hive").to_table(columns=names)
        found = [[r[n] for n in names] for r in table.to_pylist()]
    else:
        # As JSON text (null fields left out), parsed here rather than as Row objects.
        found = [json.loads(s) for s in spark.read.parquet(path).select(*names).toJSON().collect()]
        found = [[d.get(n) for n in names] for d in found]
    rows = []
    for r in found:
        row = []
        for c, v in zip(columns, r):
            if isinstance(v, datetime.date):
                v = v.isoformat()
            if c == "sources":
                v = [[s.get(k) for k in ("name", "role", "anonymous", "start", "end")] if isinstance(s, dict) else list(s)
                     for s in (v or [])]
            row.append(v)
        rows.append(row)
    return rows


def compare(name, got, want):
    g = sorted(json.dumps(r, sort_keys=True) for r in got)
    w = sorted(json.dumps(r, sort_keys=True) for r in want)
    if g == w:
        print("check: %s: %d rows equal" % (name, len(g)))
        return True
    missing = sorted(set(w) - set(g))[:3]
    extra = sorted(set(g) - set(w))[:3]
    print("check: %s differ: spark %d rows, plain %d rows" % (name, len(g), len(w)))
    for m in missing:
        print("  only in plain: " + m[:400])
    for e in extra:
        print("  only in spark: " + e[:400])
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
        want = expected_rows(args.expected, cols, record)
        path = where(name, record)
        got = spark_rows(spark, path, cols) if path else []
        ok &= compare(name, got, want)
    ids = {r[0] for r in got}
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
