#!/usr/bin/env python3
"""Run `sitrep extract` over a partitioned corpus with Apache Spark (RDD.pipe), write Parquet.

Reads articles (JSON Lines, optionally compressed, or Parquet with id, title, text, published,
source, url), pipes every partition through `sitrep extract --input-format jsonl -`, parses the
records it prints into typed DataFrames and writes three Parquet datasets under --output:

    events/    DESIGN.md's event record, flattened (actor1_name, place_lat, date_first, ...),
               partitioned by event_month (YYYY-MM of the first day of the event's date range)
    control/   control claims, flattened, partitioned by claim_month
    errors/    one row per article the binary refused: doc_id, input, error

Locally:   python3 sitrep_spark.py --binary target/release/sitrep --input a.jsonl --output out/
Cluster:   spark-submit --files /path/to/sitrep sitrep_spark.py --binary sitrep --input ... --output ...

No cluster code of our own: the binary is the whole analysis; Spark only moves lines.
See docs/scale.md.
"""

import argparse
import os
import shlex
import sys

# The binary exits 1 when some articles failed (each one printed as an error record): that is a
# normal outcome for a partition. The wrapper maps 1 to 0 so that RDD.pipe's checkCode=True fails
# the task only on a crash (panic 101, fatal 3, usage 2, killed 128+n), then prints a trailer so a
# partition whose output stopped early can never pass for a complete one.
TRAILER_KEY = "sitrep_spark_partition_end"
WRAPPER = (
    '"$0" extract --input-format jsonl --max-bytes "$1" -; s=$?; '
    'printf \'{"%s":%d}\\n\' ' + TRAILER_KEY + ' "$s"; '
    '[ "$s" -le 1 ] || exit "$s"'
)

ARTICLE_COLUMNS = ["id", "title", "text", "published", "source", "url"]


# Every record `sitrep extract` prints, as one Spark schema (event, control and error records
# share it; fields a record lacks are null). Names are DESIGN.md's.
_ACTOR = "STRUCT<name: STRING, actor_type: STRING, code: STRING, text: STRING, `start`: INT, `end`: INT>"
RECORD_SCHEMA = ", ".join([
    "record STRING", "event_id STRING", "doc_id STRING",
    "acled_event_type STRING", "acled_sub_event_type STRING", "cameo STRING", "plover STRING",
    "actor1 " + _ACTOR, "actor2 " + _ACTOR,
    "place STRUCT<name: STRING, geonameid: BIGINT, kind: STRING, country: STRING, admin1: STRING,"
    " admin2: STRING, lat: DOUBLE, lon: DOUBLE, geo_precision: INT, `start`: INT, `end`: INT>",
    "`date` STRUCT<value: STRING, `range`: ARRAY<STRING>, time_precision: INT, `start`: INT, `end`: INT>",
    "fatalities BIGINT", "injured BIGINT", "arrested BIGINT",
    "sources ARRAY<STRUCT<name: STRING, role: STRING, anonymous: BOOLEAN, `start`: INT, `end`: INT>>",
    "certainty STRING", "background BOOLEAN",
    "evidence STRUCT<`start`: INT, `end`: INT, text: STRING>",
    "kind STRING", "previous_holder STRING", "new_holder STRING", "holder STRING",
    "input STRING", "error STRING",
])

EVENT_COLUMNS = (
    ["event_id", "doc_id", "acled_event_type", "acled_sub_event_type", "cameo", "plover"]
    + ["%s.%s" % (a, f) for a in ("actor1", "actor2") for f in ("name", "actor_type", "code", "text", "start", "end")]
    + ["place." + f for f in ("name", "geonameid", "kind", "country", "admin1", "admin2", "lat", "lon",
                              "geo_precision", "start", "end")]
    + ["date.value", "date.first", "date.last", "date.time_precision", "date.start", "date.end"]
    + ["fatalities", "injured", "arrested", "sources", "certainty", "background",
       "evidence.start", "evidence.end", "evidence.text"]
)
CONTROL_COLUMNS = (
    ["doc_id", "kind"]
    + ["place." + f for f in ("name", "geonameid", "lat", "lon", "country", "admin1", "start", "end")]
    + ["previous_holder", "new_holder", "holder", "date.value", "date.first", "date.last", "certainty",
       "evidence.start", "evidence.end", "evidence.text"]
)
ERROR_COLUMNS = ["doc_id", "input", "error"]


def flat_name(path):
    """`place.lat` -> `place_lat`: the flattened column of a record field."""
    return path.replace(".", "_")


def _columns(paths):
    from pyspark.sql import functions as F

    cols = []
    for p in paths:
        if p in ("date.first", "date.last"):
            i = 0 if p.endswith("first") else 1
            c = F.expr("try_cast(`date`.`range`[%d] AS DATE)" % i)
        else:
            c = F.col(".".join("`%s`" % part for part in p.split(".")))
        cols.append(c.alias(flat_name(p)))
    return cols


def flatten_events(records):
    from pyspark.sql import functions as F

    ev = records.where(F.col("record") == "event").select(*_columns(EVENT_COLUMNS))
    return ev.withColumn("event_month", F.date_format("date_first", "yyyy-MM"))


def flatten_control(records):
    from pyspark.sql import functions as F

    cc = records.where(F.col("record") == "control").select(*_columns(CONTROL_COLUMNS))
    return cc.withColumn("claim_month", F.date_format("date_first", "yyyy-MM"))


def flatten_errors(records):
    from pyspark.sql import functions as F

    return records.where(F.col("record") == "error").select(*ERROR_COLUMNS)


def pipe_command(binary, max_bytes):
    """The command line RDD.pipe runs (it splits it with shlex; no shell, empty environment)."""
    return shlex.join(["/bin/sh", "-c", WRAPPER, binary, str(max_bytes)])


def check_partition(lines):
    """Pass the binary's lines through, minus the trailer; fail when the trailer is missing or
    when the binary reported failed inputs without printing their error records."""
    import json

    errors = 0
    status = None
    for line in lines:
        if TRAILER_KEY in line and line.startswith('{"' + TRAILER_KEY):
            status = json.loads(line)[TRAILER_KEY]
            continue
        if '"error"' in line and json.loads(line).get("record") == "error":
            errors += 1
        yield line
    if status is None:
        raise RuntimeError("sitrep output ended without its trailer: the partition is truncated")
    if status == 1 and errors == 0:
        raise RuntimeError("sitrep exited 1 (failed inputs) but printed no error record")


def resolve_binary(sc, binary):
    """Where executors find the binary.

    - local master: the file itself (or its SparkFiles copy when shipped with --files);
    - cluster, shipped with `spark-submit --files .../sitrep`: executors keep --files in their
      working directory, so `./sitrep`;
    - cluster, not shipped: the path as given (installed at that path on every node).
    """
    name = os.path.basename(binary)
    shipped = [os.path.basename(f) for f in sc.getConf().get("spark.files", "").split(",") if f]
    if sc.master.startswith("local"):
        if os.path.isfile(binary):
            return os.path.abspath(binary)
        from pyspark import SparkFiles

        return SparkFiles.get(name)
    if name in shipped:
        return "./" + name
    return binary


def read_lines(spark, path, fmt, partitions):
    """An RDD of JSON Lines articles, one per element."""
    sc = spark.sparkContext
    if fmt == "parquet":
        from pyspark.sql import functions as F

        df = spark.read.parquet(path)
        cols = [
            (F.col(c).cast("string") if c in df.columns else F.lit(None).cast("string")).alias(c)
            for c in ARTICLE_COLUMNS
        ]
        df = df.select(*cols)
        if partitions:
            df = df.repartition(partitions)
        return df.toJSON()
    # JSON Lines go to the binary byte for byte, so that its parsing and its error records are
    # exactly those of a plain `sitrep extract` run.
    rdd = sc.textFile(path, minPartitions=partitions or sc.defaultMinPartitions)
    return rdd.filter(lambda s: s.strip() != "")


def guess_format(path):
    p = path.rstrip("/")
    if p.endswith(".parquet"):
        return "parquet"
    if os.path.isdir(p):
        names = os.listdir(p)
        if any(n.endswith(".parquet") for n in names):
            return "parquet"
    return "jsonl"


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--binary", required=True, help="sitrep binary (a path, or its name when shipped with --files)")
    ap.add_argument("--input", required=True, help="JSON Lines file/dir/glob, or Parquet")
    ap.add_argument("--output", required=True, help="output directory (events/, control/, errors/)")
    ap.add_argument("--partitions", type=int, default=0, help="number of partitions (at least; default: Spark's)")
    ap.add_argument("--input-format", choices=["jsonl", "parquet"], help="default: from the path")
    ap.add_argument("--threads", type=int, default=0, help="threads per sitrep process (default: spark.task.cpus)")
    ap.add_argument("--max-bytes", type=int, default=10 * 1024 * 1024, help="largest article accepted")
    ap.add_argument("--master", help="Spark master when not run by spark-submit (default local[*])")
    ap.add_argument("--log-level", default="WARN", help="Spark's log level (ERROR, WARN, INFO)")
    ap.add_argument("--overwrite", action="store_true", help="replace existing output")
    args = ap.parse_args(argv)

    from pyspark import StorageLevel
    from pyspark.sql import SparkSession

    if args.master and args.master.startswith("local"):
        # Local workers run this very Python (same version as the driver, same packages).
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    builder = SparkSession.builder.appName("sitrep-extract").config("spark.ui.showConsoleProgress", "false")
    if args.master:  # otherwise spark-submit's, or Spark's default local[*]
        builder = builder.master(args.master)
    spark = builder.getOrCreate()
    sc = spark.sparkContext
    sc.setLogLevel(args.log_level)

    binary = resolve_binary(sc, args.binary)
    threads = args.threads or int(sc.getConf().get("spark.task.cpus", "1"))
    fmt = args.input_format or guess_format(args.input)
    articles = read_lines(spark, args.input, fmt, args.partitions)

    # RAYON_NUM_THREADS keeps each sitrep process to the cores Spark gave its task.
    out = articles.pipe(pipe_command(binary, args.max_bytes), env={"RAYON_NUM_THREADS": str(threads)}, checkCode=True)
    out = out.mapPartitions(check_partition)

    records = spark.read.schema(RECORD_SCHEMA).option("mode", "FAILFAST").json(out)
    records = records.persist(StorageLevel.MEMORY_AND_DISK)

    # One pass through the binary: the records are cached, counted, then written three ways.
    counts = {r["record"]: r["count"] for r in records.groupBy("record").count().collect()}
    mode = "overwrite" if args.overwrite else "errorifexists"
    for name, df, part, n in (
        ("events", flatten_events(records), "event_month", counts.get("event", 0)),
        ("control", flatten_control(records), "claim_month", counts.get("control", 0)),
        ("errors", flatten_errors(records), None, counts.get("error", 0)),
    ):
        writer = df.write.mode(mode)
        # An empty dataset is written unpartitioned: one file that still carries the schema.
        if part and n:
            writer = writer.partitionBy(part)
        writer.parquet(os.path.join(args.output, name))
    print(
        "sitrep_spark: %d events, %d control claims, %d errors from %d partitions -> %s"
        % (counts.get("event", 0), counts.get("control", 0), counts.get("error", 0),
           articles.getNumPartitions(), args.output),
        file=sys.stderr,
    )
    records.unpersist()
    spark.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
