#!/usr/bin/env python3
"""Run `sitrep extract` over a partitioned corpus with Apache Spark (RDD.pipe), write Parquet.

Reads articles (JSON Lines, optionally compressed, or Parquet with id, title, text, published,
source, url), pipes every partition through `sitrep extract --input-format jsonl -`, parses the
records it prints with an explicit schema and writes them, in one pass, as one Parquet dataset
under --output, partitioned by record type and month:

    record=event/month=YYYY-MM/     DESIGN.md's event record, flattened (actor1_name, place_lat,
                                    date_first, ...); month is YYYY-MM of date_first, or
                                    `undated` when the record has no date
    record=control/month=YYYY-MM/   control claims, flattened (kind, place_*, holder, ...)
    record=error/month=undated/     one row per article the binary refused: doc_id, input, error

Every row has the columns of RECORD_COLUMNS (fields a record type lacks are null), so
`spark.read.parquet(out).where("record = 'event'")`, or `spark.read.parquet(out + "/record=event")`,
is the typed, flattened event table.

Locally:   python3 sitrep_spark.py --binary target/release/sitrep --input a.jsonl --output out/
Cluster:   spark-submit --files /path/to/sitrep sitrep_spark.py --binary sitrep --input ... --output ...

No cluster code of our own: the binary is the whole analysis; Spark only moves lines. The lines
never enter Python: the driver only plans the job (JVM RDD.pipe, JSON reader, Parquet writer).
See docs/scale.md.
"""

import argparse
import os
import sys

# The binary exits 1 when some articles failed (each one printed as an error record): that is a
# normal outcome for a partition. The wrapper maps 1 to 0, so that the pipe fails the task only on
# a crash (panic 101, fatal 3, usage 2, killed 128+n: Spark's pipe fails a task on any non-zero
# exit, like PySpark's checkCode=True), then prints a trailer line with the binary's status. The
# job counts the trailers: one missing means a partition whose output stopped early, and the job
# fails instead of passing it off as complete.
TRAILER_KEY = "sitrep_spark_partition_end"
WRAPPER = (
    '"$0" extract --input-format jsonl --max-bytes "$1" -; s=$?; '
    'printf \'{"%s":%d}\\n\' ' + TRAILER_KEY + ' "$s"; '
    '[ "$s" -le 1 ] || exit "$s"'
)
# The same over the binary's flat TSV output (`--format tsv`, the default wire): the trailer is a
# TSV line of TSV_COLUMNS' width: `sitrep_spark_partition_end<TAB><status>` and 49 empty fields.
WRAPPER_TSV = (
    '"$0" extract --format tsv --input-format jsonl --max-bytes "$1" -; s=$?; '
    "printf '" + TRAILER_KEY + "\\t%d" + "\\t" * 49 + "\\n' \"$s\"; "
    '[ "$s" -le 1 ] || exit "$s"'
)

ARTICLE_COLUMNS = ["id", "title", "text", "published", "source", "url"]
# The month partition of records without a date (error records, undated events): a value rather
# than Hive's null partition, whose type pyarrow (pandas) cannot infer when it is the only one.
UNDATED = "undated"


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
    "%s INT" % TRAILER_KEY,
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
# The columns of the one Parquet dataset the job writes: the event record's, then the fields only
# control claims have, then those only error records have (null in the other records).
RECORD_COLUMNS = EVENT_COLUMNS + ["kind", "previous_holder", "new_holder", "holder", "input", "error"]
assert set(CONTROL_COLUMNS) <= set(RECORD_COLUMNS)


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


def flatten_records(records):
    """Every record as one flat row of RECORD_COLUMNS, plus `record` and `month` (the partition
    columns); trailer lines are dropped."""
    from pyspark.sql import functions as F

    return records.where(F.col("record").isNotNull()).select(
        F.col("record"), *_columns(RECORD_COLUMNS)).withColumn("month", month_column())


def month_column():
    """The `month` partition: YYYY-MM of date_first, or UNDATED."""
    from pyspark.sql import functions as F

    return F.coalesce(F.date_format("date_first", "yyyy-MM"), F.lit(UNDATED))


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
    """A JVM RDD (JavaRDD<String>) of JSON Lines articles, one per element."""
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
        return df._jdf.toJSON().javaRDD()
    # JSON Lines go to the binary byte for byte (blank lines included: the binary skips them), so
    # that its parsing and its error records are exactly those of a plain `sitrep extract` run.
    sc = spark.sparkContext
    return sc._jsc.textFile(path, partitions or sc.defaultMinPartitions)


def pipe_records(spark, articles, binary, max_bytes, threads, wire="tsv"):
    """Pipe every partition of `articles` (a JavaRDD<String>) through the binary, in the JVM, and
    read the lines it prints: flat TSV lines with parse_tsv (wire "tsv"), or JSON Lines with
    RECORD_SCHEMA (wire "json"; FAILFAST either way: a line that is not one of the records fails
    the task instead of becoming nulls). Returns (records, status, number of partitions):
    `status` is a column, the binary's exit status on a trailer row and null on a record."""
    from pyspark.sql import DataFrame
    from pyspark.sql import functions as F

    # RAYON_NUM_THREADS keeps each sitrep process to the cores Spark gave its task. UTF-8 both
    # ways, whatever the JVM's default charset; 64 KiB buffers.
    command = ["/bin/sh", "-c", WRAPPER_TSV if wire == "tsv" else WRAPPER, binary, str(max_bytes)]
    lines = articles.pipe(command, {"RAYON_NUM_THREADS": str(threads)}, False, 65536, "UTF-8")
    jvm = spark.sparkContext._jvm
    text = DataFrame(spark._jsparkSession.createDataset(lines.rdd(), jvm.org.apache.spark.sql.Encoders.STRING())
                     .toDF(), spark)
    if wire == "tsv":
        records = parse_tsv(spark, text)
        status = F.when(F.col("record") == TRAILER_KEY, F.col("event_id").cast("int"))
    else:
        records = text.select(F.from_json("value", RECORD_SCHEMA, {"mode": "FAILFAST"}).alias("r")).select("r.*")
        status = F.col(TRAILER_KEY)
    return records, status, articles.getNumPartitions()


# The columns of `sitrep extract --format tsv` (sitrep_export::tsv::TSV_COLUMNS), in order, with
# the Spark type each is read as; every one not listed in TSV_TYPES is a STRING.
TSV_COLUMNS = ["record"] + [flat_name(c) for c in RECORD_COLUMNS]
TSV_TYPES = dict(
    [("%s_%s" % (a, f), "INT") for a in ("actor1", "actor2") for f in ("start", "end")]
    + [("place_geonameid", "BIGINT"), ("place_lat", "DOUBLE"), ("place_lon", "DOUBLE"),
       ("place_geo_precision", "INT"), ("place_start", "INT"), ("place_end", "INT"),
       ("date_time_precision", "INT"), ("date_start", "INT"), ("date_end", "INT"),
       ("fatalities", "BIGINT"), ("injured", "BIGINT"), ("arrested", "BIGINT"),
       ("background", "BOOLEAN"), ("evidence_start", "INT"), ("evidence_end", "INT")]
)
# Columns whose values are (nearly) all different: dictionary encoding costs time and saves nothing.
NO_DICTIONARY = ["event_id", "doc_id", "actor1_text", "actor2_text", "evidence_text", "input", "error"]
SOURCES_SCHEMA = "ARRAY<STRUCT<name: STRING, role: STRING, anonymous: BOOLEAN, `start`: INT, `end`: INT>>"


def unescape_tsv(c):
    """The TSV escapes (`\\\\` `\\t` `\\n` `\\r` `\\0`, and `\\e` for the empty text) undone in a
    string column; only values that hold a backslash are touched. Splitting at the escaped
    backslashes first leaves pieces in which every backslash starts one of the other escapes."""
    from pyspark.sql import functions as F

    def piece(p):
        for esc, ch in (("\\t", "\t"), ("\\n", "\n"), ("\\r", "\r"), ("\\0", "\0"), ("\\e", "")):
            p = F.replace(p, F.lit(esc), F.lit(ch))
        return p

    undone = F.array_join(F.transform(F.split(c, r"\\\\", -1), piece), "\\")
    return F.when(F.instr(c, "\\") > 0, undone).otherwise(c)


def parse_tsv(spark, text):
    """Lines printed by `sitrep extract --format tsv` (a DataFrame of one `value` line each) as
    `record` and the flat columns of flatten_records, typed alike, read by Spark's CSV reader
    (tab-separated, empty for null, no quoting, FAILFAST: a line of another width or a bad number
    fails the task); trailer rows are kept (record = TRAILER_KEY, status in `event_id`)."""
    from pyspark.sql import functions as F

    schema = ", ".join("`%s` %s" % (c, "STRING" if c in ("date_first", "date_last") else TSV_TYPES.get(c, "STRING"))
                       for c in TSV_COLUMNS)
    rows = (spark.read.schema(schema)
            .options(sep="\t", quote="\u0000", escape="\u0000", comment="\u0000", mode="FAILFAST",
                     header="false", enforceSchema="true",
                     ignoreLeadingWhiteSpace="false", ignoreTrailingWhiteSpace="false")
            .csv(text))
    cols = []
    for c in TSV_COLUMNS:
        col = F.col(c)
        if c in ("date_first", "date_last"):
            col = F.expr("try_cast(%s AS DATE)" % c)
        elif c == "sources":
            # Most events name no source: `[]` needs no JSON parser.
            col = F.when(col == "[]", F.array().cast(SOURCES_SCHEMA)).otherwise(
                F.from_json(unescape_tsv(col), SOURCES_SCHEMA, {"mode": "FAILFAST"}))
        elif TSV_TYPES.get(c) is None and c != "record":
            col = unescape_tsv(col)
        cols.append(col.alias(c))
    return rows.select(*cols)


def remove_output(spark, path):
    """Delete a written output (any Hadoop file system): what a failed check leaves behind."""
    jvm = spark.sparkContext._jvm
    p = jvm.org.apache.hadoop.fs.Path(path)
    p.getFileSystem(spark.sparkContext._jsc.hadoopConfiguration()).delete(p, True)


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
    ap.add_argument("--output", required=True, help="output directory (record=event/, record=control/, record=error/)")
    ap.add_argument("--partitions", type=int, default=0, help="number of partitions (at least; default: Spark's)")
    ap.add_argument("--input-format", choices=["jsonl", "parquet"], help="default: from the path")
    ap.add_argument("--threads", type=int, default=0, help="threads per sitrep process (default: spark.task.cpus)")
    ap.add_argument("--max-bytes", type=int, default=10 * 1024 * 1024, help="largest article accepted")
    ap.add_argument("--max-writers", type=int, default=0,
                    help="Parquet files a task keeps open at once instead of sorting by month (default 0: sort)")
    ap.add_argument("--wire", choices=["tsv", "json"], default="tsv",
                    help="what the binary prints for Spark: flat TSV lines (default, cheap to read) or JSON Lines")
    ap.add_argument("--compression", default="snappy",
                    help="Parquet codec (snappy, zstd, lz4_raw, gzip, none; default snappy)")
    ap.add_argument("--no-dictionary", default=",".join(NO_DICTIONARY), metavar="COLUMNS",
                    help="columns written without Parquet dictionary encoding, comma-separated "
                         "(default: the nearly unique ones, %(default)s; '' for none)")
    ap.add_argument("--master", help="Spark master when not run by spark-submit (default local[*])")
    ap.add_argument("--log-level", default="WARN", help="Spark's log level (ERROR, WARN, INFO)")
    ap.add_argument("--overwrite", action="store_true", help="replace existing output")
    args = ap.parse_args(argv)

    from pyspark.sql import SparkSession

    builder = SparkSession.builder.appName("sitrep-extract").config("spark.ui.showConsoleProgress", "false")
    if args.master:  # otherwise spark-submit's, or Spark's default local[*]
        builder = builder.master(args.master)
    # Rows go to one open Parquet file per (record, month) of the task, up to --max-writers of
    # them, instead of a sort of the whole partition by month first (Spark's planned write); past
    # the limit Spark sorts the rest, so the output is the same either way.
    if args.max_writers:
        builder = builder.config("spark.sql.optimizer.plannedWrite.enabled", "false").config(
            "spark.sql.maxConcurrentOutputFileWriters", str(args.max_writers))
    spark = builder.getOrCreate()
    sc = spark.sparkContext
    sc.setLogLevel(args.log_level)

    binary = resolve_binary(sc, args.binary)
    threads = args.threads or int(sc.getConf().get("spark.task.cpus", "1"))
    fmt = args.input_format or guess_format(args.input)
    articles = read_lines(spark, args.input, fmt, args.partitions)
    records, status, partitions = pipe_records(spark, articles, binary, args.max_bytes, threads, args.wire)

    # One pass: the binary's output is parsed and written once, as one dataset partitioned by
    # record type and month (no cache, no second pass), while an Observation counts the records
    # and the partitions' trailers on the way.
    from pyspark.sql import Observation
    from pyspark.sql import functions as F

    seen = Observation("sitrep")
    records = records.observe(
        seen,
        *[F.count_if(F.col("record") == k).alias(k) for k in ("event", "control", "error")],
        F.count(status).alias("trailers"),
        F.count_if(status == 1).alias("failed_inputs"),
    )
    if args.wire == "tsv":
        flat = records.where(F.col("record") != TRAILER_KEY).withColumn("month", month_column())
    else:
        flat = flatten_records(records)
    writer = flat.write.mode("overwrite" if args.overwrite else "errorifexists")
    # Cheaper Parquet: no dictionary for nearly unique text columns (Parquet would fill a
    # dictionary page with them, then give up and write them plain), no page checksums (optional
    # in the format; readers verify them only when asked).
    writer = writer.option("compression", args.compression).option("parquet.page.write-checksum.enabled", "false")
    for c in filter(None, args.no_dictionary.split(",")):
        writer = writer.option("parquet.enable.dictionary#" + c.strip(), "false")
    writer.partitionBy("record", "month").parquet(args.output)
    counts = seen.get
    problem = None
    if counts["trailers"] != partitions:
        problem = "%d of %d partitions ended without their trailer: truncated output" % (
            partitions - counts["trailers"], partitions)
    elif counts["failed_inputs"] and not counts["error"]:
        problem = "sitrep exited 1 (failed inputs) but printed no error record"
    if problem:
        remove_output(spark, args.output)
        spark.stop()
        raise RuntimeError("sitrep_spark: %s; output removed" % problem)
    print(
        "sitrep_spark: %d events, %d control claims, %d errors from %d partitions -> %s"
        % (counts["event"], counts["control"], counts["error"], partitions, args.output),
        file=sys.stderr,
    )
    spark.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
