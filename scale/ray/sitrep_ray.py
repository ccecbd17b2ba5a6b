#!/usr/bin/env python3
"""Run `sitrep extract` over a corpus with Ray Data (map_batches over the CLI), write Parquet.

    python3 sitrep_ray.py --binary PATH --input PATH --output DIR [--batch-size 2000] [--concurrency 2]

Reads JSON Lines articles with `read_json` and an explicit schema (id, title, text, published,
source, url: all strings; other fields ignored), feeds each batch to one `sitrep extract
--input-format jsonl -` process, and writes three Parquet datasets with the rows and columns of
the Spark job's record= folders (`scale/spark/sitrep_spark.py`, whose column lists it reuses):
events/ partitioned by event_month, control/ by claim_month, errors/.

Ray's JSON reader is strict: a line that is not JSON, or whose fields have other types, fails the
read. With `--input-mode text` the lines go to the binary untouched (`read_text`), and each bad
article becomes an error record, as with Spark. See docs/scale.md.
"""

import argparse
import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))


def arrow_type(pa, col):
    """The Arrow type of a flattened column (names as in sitrep_spark.EVENT_COLUMNS)."""
    leaf = col.split(".")[-1]
    if col == "sources":
        return pa.list_(pa.struct([("name", pa.string()), ("role", pa.string()), ("anonymous", pa.bool_()),
                                   ("start", pa.int64()), ("end", pa.int64())]))
    if leaf in ("first", "last"):
        return pa.date32()
    if leaf in ("lat", "lon"):
        return pa.float64()
    if leaf in ("start", "end", "geonameid", "geo_precision", "time_precision", "fatalities", "injured", "arrested"):
        return pa.int64()
    if leaf in ("background", "anonymous"):
        return pa.bool_()
    return pa.string()


def field(rec, path):
    cur = rec
    for part in path.split("."):
        if not isinstance(cur, dict):
            return None
        if part in ("first", "last"):
            r = cur.get("range") or [None, None]
            return r[0 if part == "first" else 1]
        cur = cur.get(part)
    return cur


def make_mapper(binary, threads, columns, text_mode):
    """A map_batches function: one sitrep process per batch; returns flattened records."""
    import datetime

    import pyarrow as pa

    schema = pa.schema([("record", pa.string())] + [(c.replace(".", "_"), arrow_type(pa, c)) for c in columns])

    def run(batch):
        if text_mode:
            lines = [s for s in batch.column("text").to_pylist() if s and s.strip()]
        else:
            lines = [json.dumps({k: v for k, v in row.items() if v is not None}, ensure_ascii=False)
                     for row in batch.to_pylist()]
        data = ("\n".join(lines) + "\n").encode("utf-8")
        p = subprocess.run([binary, "extract", "--input-format", "jsonl", "-"], input=data,
                           capture_output=True, env={"RAYON_NUM_THREADS": str(threads)})
        # Exit 1 = some articles failed, each printed as an error record: not a failed batch.
        if p.returncode not in (0, 1):
            raise RuntimeError("sitrep exited %d: %s" % (p.returncode, p.stderr.decode("utf-8", "replace")[-2000:]))
        rows = {name: [] for name in schema.names}
        errors = 0
        for line in p.stdout.decode("utf-8").splitlines():
            rec = json.loads(line)
            errors += rec.get("record") == "error"
            rows["record"].append(rec.get("record"))
            for c in columns:
                v = field(rec, c)
                if c.endswith((".first", ".last")) and v is not None:
                    v = datetime.date.fromisoformat(v)
                rows[c.replace(".", "_")].append(v)
        if p.returncode == 1 and errors == 0:
            raise RuntimeError("sitrep exited 1 (failed inputs) but printed no error record")
        return pa.table(rows, schema=schema)

    return run


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--binary", required=True)
    ap.add_argument("--input", required=True, help="JSON Lines file(s) or directory")
    ap.add_argument("--output", required=True)
    ap.add_argument("--batch-size", type=int, default=2000, help="articles per sitrep process")
    ap.add_argument("--concurrency", type=int, default=2, help="sitrep processes at once")
    ap.add_argument("--threads", type=int, default=1, help="threads per sitrep process")
    ap.add_argument("--input-mode", choices=["json", "text"], default="json")
    ap.add_argument("--address", help="Ray cluster address (default: start a local Ray)")
    args = ap.parse_args(argv)

    import pyarrow as pa
    import pyarrow.json as pj
    import ray

    sys.path.insert(0, os.path.join(HERE, "..", "spark"))
    import sitrep_spark as spec  # column lists only; pyspark is not imported

    ray.init(address=args.address, include_dashboard=False, log_to_driver=False)
    binary = os.path.abspath(args.binary) if os.path.isfile(args.binary) else args.binary
    if args.input_mode == "json":
        schema = pa.schema([(c, pa.string()) for c in spec.ARTICLE_COLUMNS])
        ds = ray.data.read_json(args.input, parse_options=pj.ParseOptions(
            explicit_schema=schema, unexpected_field_behavior="ignore"))
    else:
        ds = ray.data.read_text(args.input)
    columns = list(dict.fromkeys(spec.EVENT_COLUMNS + spec.CONTROL_COLUMNS + ["input", "error"]))
    mapper = make_mapper(binary, args.threads, columns, args.input_mode == "text")
    records = ds.map_batches(mapper, batch_format="pyarrow", batch_size=args.batch_size,
                             concurrency=args.concurrency, num_cpus=args.threads).materialize()

    def kind(name, cols, part):
        keep = [c.replace(".", "_") for c in cols]
        import pyarrow.compute as pc

        sub = records.map_batches(lambda b: b.filter(pc.equal(b["record"], name)).select(keep),
                                  batch_format="pyarrow")
        if part:
            sub = sub.map_batches(lambda b: b.append_column(part, pc.utf8_slice_codeunits(
                pc.cast(b["date_first"], pa.string()), 0, 7)), batch_format="pyarrow")
        return sub

    out = {
        "events": kind("event", spec.EVENT_COLUMNS, "event_month"),
        "control": kind("control", spec.CONTROL_COLUMNS, "claim_month"),
        "errors": kind("error", spec.ERROR_COLUMNS, None),
    }
    counts = {}
    for name, sub in out.items():
        counts[name] = sub.count()
        part = {"events": ["event_month"], "control": ["claim_month"]}.get(name)
        if counts[name]:
            sub.write_parquet(os.path.join(args.output, name), partition_cols=part)
        else:  # Ray writes nothing for an empty dataset: one empty file keeps the schema
            import pyarrow.parquet as pq

            cols = {"events": spec.EVENT_COLUMNS, "control": spec.CONTROL_COLUMNS}.get(name, spec.ERROR_COLUMNS)
            empty = pa.schema([(c.replace(".", "_"), arrow_type(pa, c)) for c in cols])
            os.makedirs(os.path.join(args.output, name), exist_ok=True)
            pq.write_table(empty.empty_table(), os.path.join(args.output, name, "part-0.parquet"))
    print("sitrep_ray: %d events, %d control claims, %d errors -> %s"
          % (counts["events"], counts["control"], counts["errors"], args.output), file=sys.stderr)
    ray.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main())
