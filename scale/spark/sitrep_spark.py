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
# The same over Spark's binary rows (`--format spark-rows`, the default wire when the row reader
# can be had): the trailer is a frame of length -1 (four 0xff bytes) and then the TSV trailer's
# first two fields as a text line.
WRAPPER_ROWS = (
    '"$0" extract --format spark-rows --input-format jsonl --max-bytes "$1" -; s=$?; '
    "printf '\\377\\377\\377\\377" + TRAILER_KEY + "\\t%d\\n' \"$s\"; "
    '[ "$s" -le 1 ] || exit "$s"'
)

# The driver JVM's settings when the script starts it (local mode: the driver is the executor):
# a heap that holds the tasks' sort buffers, the throughput collector (G1's concurrent marking
# cost ~8 CPU-s per 20,000 articles here, the parallel collector ~1), and C2 (the optimising JIT)
# kept for the hot per-row code: a method is compiled by C2 after 5 times the JVM's default
# invocations and loop iterations, so that the thousands of warm but not hot methods of Spark's
# planning, Hadoop and Parquet set-up stay in C1 code (C2's compiler thread cost ~30 CPU-s per job
# here; C1 only made the per-row code twice as slow). Code that runs per file, per column chunk
# or per plan (Parquet's Thrift footers and column indexes, Hadoop's configuration, Parquet's
# writer set-up and schema, the JDK's lambda and class-file spinning, Janino, Scala reflection,
# the JDK's file reads under the pipe) waits 10 times longer still: at those thresholds it was
# compiled by C2 over 400 files and then hardly ran, ~1.5 CPU-s of C2 per job.
# docs/benchmarks-scale.md has the figures.
_SET_UP_CODE = ("org/apache/parquet/format/*", "shaded/parquet/org/apache/thrift/*", "org/apache/hadoop/conf/*",
                "org/apache/parquet/hadoop/*", "org/apache/parquet/schema/*", "jdk/internal/org/objectweb/*",
                "java/lang/invoke/*", "org/codehaus/*", "scala/reflect/*", "java/io/FileInputStream")
JIT_OPTIONS = ("-XX:Tier4InvocationThreshold=25000 -XX:Tier4MinInvocationThreshold=3000 "
               "-XX:Tier4CompileThreshold=75000 -XX:Tier4BackEdgeThreshold=200000 -XX:CompileCommand=quiet "
               + " ".join("-XX:CompileCommand=CompileThresholdScaling,%s.*,10.0" % c for c in _SET_UP_CODE))
# Also no bytecode verification of class-path classes (Spark's jars, the row reader's) and no web
# UI: ~1.5-2 CPU-s less start-up (docs/benchmarks-scale.md, session 6); --conf brings them back.
# The tasks' execution memory off the heap: the row reader holds each partition's output lines
# there (LineGroups.java), which on the heap the collector copied from generation to generation
# (~4.5 CPU-s of GC over 200,000 articles). A metaspace that starts large enough for Spark's
# classes: no full collections at start-up as it grows.
LOCAL_JVM_DEFAULTS = {
    "spark.driver.memory": "4g",
    "spark.driver.extraJavaOptions": "-XX:+UseParallelGC -XX:MetaspaceSize=256m " + JIT_OPTIONS
    + " -XX:+UnlockDiagnosticVMOptions -XX:-BytecodeVerificationRemote",
    "spark.ui.enabled": "false",
    "spark.memory.offHeap.enabled": "true",
    "spark.memory.offHeap.size": "2g",
}
# Spark settings the job sets unless --conf gives them, whoever started the JVM: no whole-stage
# code generation (the job's plan is a scan, a filter and a sort before the writer: the generated
# code saved nothing per row and cost its compilation, in Janino and then in the JIT), and local
# files read in splits of up to 128 MB (Hadoop's default for the local file system is 32 MB; HDFS's
# block is 128 MB already): fewer, larger partitions mean fewer sitrep processes and far fewer small
# Parquet files (one per record type and month per partition).
JOB_DEFAULTS = {
    "spark.sql.codegen.wholeStage": "false",
    "spark.hadoop.fs.local.block.size": str(128 * 1024 * 1024),
}

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


def read_lines(spark, path, fmt, partitions, raw=False):
    """A JVM RDD of JSON Lines articles, one per element: Strings, or with `raw` (for the row
    reader's pipe) a JSON Lines input's lines as Hadoop Text, their bytes as in the file."""
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
    # By default two partitions per core: splits of equal size (the total divided by that number,
    # up to the file system's block size), so that no core waits for a lone last partition.
    n = partitions or 2 * sc.defaultParallelism
    if raw:  # the same splits as textFile's, not decoded
        return sc._jvm.sitrep.spark.BytePipe.textLines(sc._jsc, path, n)
    return sc._jsc.textFile(path, n)


def pipe_records(spark, articles, binary, max_bytes, threads, wire="tsv", java_rows=False):
    """Pipe every partition of `articles` (a JavaRDD<String>) through the binary, in the JVM, and
    read what it prints: Spark's binary rows with SparkRows.java (wire "rows"), flat TSV lines with
    the row reader (java_rows) or parse_tsv (wire "tsv"), or JSON Lines with RECORD_SCHEMA (wire
    "json"; FAILFAST in every case: a record that does not fit the schema fails the task instead
    of becoming nulls). Returns (records, counts, number of partitions):
    `records` holds the records only (no trailer rows); `counts()`, called once `records` has
    been written, gives the counts of records by type, of trailers and of trailers with status
    1 (failed inputs)."""
    from pyspark.sql import DataFrame
    from pyspark.sql import functions as F

    # RAYON_NUM_THREADS keeps each sitrep process to the cores Spark gave its task. UTF-8 both
    # ways, whatever the JVM's default charset; 64 KiB buffers.
    wrapper = {"rows": WRAPPER_ROWS, "tsv": WRAPPER_TSV}.get(wire, WRAPPER)
    command = ["/bin/sh", "-c", wrapper, binary, str(max_bytes)]
    env = {"RAYON_NUM_THREADS": str(threads)}
    piped = None
    if wire == "rows":
        # The binary prints the rows Spark would build (SparkRows.java checks their bounds): no
        # parsing at all in the JVM; counted and grouped as the TSV row reader does.
        jvm = spark.sparkContext._jvm
        reader = getattr(getattr(jvm.sitrep, "spark"), "SparkRows")
        piped = reader.piped(spark._jsparkSession, articles, command, env, rows_schema().json(), TRAILER_KEY)
    elif wire == "tsv" and java_rows:
        # The row reader's own pipe (BytePipe.java): bytes both ways, no String per line. The
        # reader drops the trailers and counts them and the records in accumulators as it reads:
        # the plan is the rows and the write, with no filter and no observation (each of those
        # cost a copy of every row).
        piped = parse_tsv_rows(spark, articles, command, env)
    if piped is not None:
        return (DataFrame(piped.frame(), spark), lambda: {k: int(v) for k, v in piped.counts().items()},
                articles.getNumPartitions())
    lines = articles.pipe(command, env, False, 65536, "UTF-8")
    jvm = spark.sparkContext._jvm
    text = DataFrame(spark._jsparkSession.createDataset(lines.rdd(), jvm.org.apache.spark.sql.Encoders.STRING())
                     .toDF(), spark)
    if wire == "tsv":
        records = parse_tsv(spark, text)
        status = F.when(F.col("record") == TRAILER_KEY, F.col("event_id").cast("int"))
    else:
        records = text.select(F.from_json("value", RECORD_SCHEMA, {"mode": "FAILFAST"}).alias("r")).select("r.*")
        status = F.col(TRAILER_KEY)
    # An Observation counts the records and the partitions' trailers on the way to the writer.
    from pyspark.sql import Observation

    seen = Observation("sitrep")
    records = records.observe(
        seen,
        *[F.count_if(F.col("record") == k).alias(k) for k in ("event", "control", "error")],
        F.count(status).alias("trailers"),
        F.count_if(status == 1).alias("failed_inputs"),
    )
    if wire == "tsv":
        records = records.where(F.col("record") != TRAILER_KEY)
    else:
        records = flatten_records(records)
    return records, lambda: seen.get, articles.getNumPartitions()


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
# Free text: min/max statistics serve no query.
NO_STATISTICS = ["actor1_text", "actor2_text", "sources", "evidence_text", "input", "error"]
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
    # `contains` compares bytes; `instr` would count characters up to the match in every value.
    return F.when(c.contains("\\"), undone).otherwise(c)


def parse_tsv(spark, text):
    """Lines printed by `sitrep extract --format tsv` (a DataFrame of one `value` line each) as
    `record` and the flat columns of flatten_records, typed alike, read by Spark's CSV reader
    (tab-separated, empty for null, no quoting, FAILFAST: a line of another width or a bad number
    fails the task), and the `month` partition column; trailer rows are kept (record =
    TRAILER_KEY, status in `event_id`)."""
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
            if c == "date_first":
                month = tsv_month_column(F.col(c), col)
        elif c == "sources":
            # Most events name no source: `[]` needs no JSON parser.
            col = F.when(col == "[]", F.array().cast(SOURCES_SCHEMA)).otherwise(
                F.from_json(unescape_tsv(col), SOURCES_SCHEMA, {"mode": "FAILFAST"}))
        elif TSV_TYPES.get(c) is None and c != "record":
            col = unescape_tsv(col)
        cols.append(col.alias(c))
    return rows.select(*cols, month.alias("month"))


def tsv_month_column(raw, date):
    """month_column() from the date's TSV text: its first 7 characters when it is a plain
    `YYYY-MM-DD` (what the binary prints), with no date formatting per row."""
    from pyspark.sql import functions as F

    return (F.when(date.isNull(), F.lit(UNDATED))
            .when(F.length(raw) == 10, F.substring(raw, 1, 7))
            .otherwise(F.date_format(date, "yyyy-MM")))


# The row reader (scale/spark/java/sitrep/spark/TsvRecords.java): the TSV lines straight into
# typed rows in the JVM, one pass per line, instead of Spark's CSV reader followed by a projection
# that undoes the escapes and parses `sources` (docs/scale.md, "The row reader"); with its pipe
# (BytePipe.java), which moves bytes to and from the binary where Spark's pipe moves Strings.
ROWS_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "java", "sitrep", "spark")
ROWS_SOURCES = sorted(os.path.join(ROWS_DIR, n) for n in os.listdir(ROWS_DIR) if n.endswith(".java"))
ROWS_CLASS = "sitrep.spark.TsvRecords"


def spark_jars_dir():
    """The jars Spark runs with (to compile the row reader against)."""
    home = os.environ.get("SPARK_HOME")
    if home and os.path.isdir(os.path.join(home, "jars")):
        return os.path.join(home, "jars")
    import pyspark

    return os.path.join(os.path.dirname(pyspark.__file__), "jars")


def build_rows_jar():
    """Compile the row reader with the JDK's javac into a jar kept in ~/.cache/sitrep-spark (named
    by a digest of its source and of Spark's version, so built once per version). Returns the
    jar's path, or None with the reason when there is no javac or the build fails."""
    import hashlib
    import shutil
    import subprocess
    import tempfile
    import zipfile

    import pyspark

    digest = hashlib.sha256()
    for path in ROWS_SOURCES:
        with open(path, "rb") as f:
            digest.update(f.read())
    key = hashlib.sha256(digest.digest() + pyspark.__version__.encode()).hexdigest()[:16]
    cache = os.path.join(os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"), "sitrep-spark")
    jar = os.path.join(cache, "sitrep-spark-rows-%s.jar" % key)
    if os.path.isfile(jar):
        return jar, None
    javac = shutil.which("javac")
    if not javac and os.environ.get("JAVA_HOME"):
        javac = os.path.join(os.environ["JAVA_HOME"], "bin", "javac")
    if not javac or not os.path.isfile(javac):
        return None, "no javac (install a JDK, or pass --rows-jar)"
    with tempfile.TemporaryDirectory() as tmp:
        classes = os.path.join(tmp, "classes")
        os.makedirs(classes)
        run = subprocess.run([javac, "-nowarn", "-encoding", "UTF-8", "-cp", os.path.join(spark_jars_dir(), "*"),
                              "-d", classes] + ROWS_SOURCES, capture_output=True, text=True)
        if run.returncode != 0:
            return None, "javac failed: " + run.stderr[-2000:]
        os.makedirs(cache, exist_ok=True)
        part = jar + ".%d.tmp" % os.getpid()
        with zipfile.ZipFile(part, "w", zipfile.ZIP_DEFLATED) as z:
            for root, _, files in os.walk(classes):
                for name in files:
                    full = os.path.join(root, name)
                    z.write(full, os.path.relpath(full, classes))
        os.replace(part, jar)
    return jar, None


class ClassArchive:
    """The driver JVM's class-data archive (JDK's dynamic CDS archive): the classes a job loads
    (Spark's, Hadoop's, Parquet's, the row reader's), stored parsed and verified, so that the next
    JVM maps them instead of loading them from the jars: about 4 CPU-s and 3-4 s of start-up less
    per job (docs/benchmarks-scale.md). Kept in ~/.cache/sitrep-spark, named by a digest of the
    Java, Spark, row reader and JVM options it was made with (the JVM also checks the class path
    itself, and starts without the archive when it does not match). The first run writes it as
    its JVM exits; runs after that start from it. Each archive is ~170 MB, one per combination
    of versions and options: a run that writes one keeps the KEEP most recently used and deletes
    the others (a deleted one is written again by the next run that needs it)."""

    KEEP = 3

    def __init__(self, jvm_options, rows_jar):
        import hashlib
        import shutil

        import pyspark

        java = os.path.join(os.environ["JAVA_HOME"], "bin", "java") if os.environ.get("JAVA_HOME") \
            else shutil.which("java") or "java"
        java = os.path.realpath(java)
        try:
            st = os.stat(java)
            java_id = "%s:%d:%d" % (java, st.st_size, int(st.st_mtime))
        except OSError:
            java_id = java
        key = hashlib.sha256("\n".join([java_id, pyspark.__version__, rows_jar or "", jvm_options]).encode())
        cache = os.path.join(os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"), "sitrep-spark")
        self.path = os.path.join(cache, "jvm-classes-%s.jsa" % key.hexdigest()[:16])
        self.writing = None
        if os.path.isfile(self.path):
            try:  # used now: what the pruning below goes by
                os.utime(self.path)
            except OSError:
                pass
        else:
            os.makedirs(cache, exist_ok=True)
            self.writing = "%s.%d.tmp" % (self.path, os.getpid())
            # A run that failed leaves the archive its JVM wrote at exit half-named: remove those
            # of runs no longer alive.
            import glob

            for stale in glob.glob(self.path + ".*.tmp"):
                try:
                    os.kill(int(stale.rsplit(".", 2)[-2]), 0)
                except ProcessLookupError:
                    try:
                        os.remove(stale)
                    except OSError:
                        pass
                except (ValueError, OSError):
                    pass

    def option(self):
        """The JVM options: start from the archive, or write it at exit (quietly: CDS lists every
        class it cannot keep, e.g. those of signed jars)."""
        if self.writing:
            return "-XX:ArchiveClassesAtExit=%s -Xlog:cds=off -Xlog:cds+dynamic=off" % self.writing
        return "-XX:SharedArchiveFile=%s -Xlog:cds=off" % self.path

    def finish(self):
        """After spark.stop(): when this run writes the archive, end the JVM normally (it exits
        when its stdin closes) so that it writes the archive, then keep it."""
        if not self.writing:
            return
        from pyspark import SparkContext

        proc = getattr(SparkContext._gateway, "proc", None)
        if proc is None or proc.stdin is None:
            return
        proc.stdin.close()
        try:
            proc.wait(timeout=300)
        except Exception:  # noqa: BLE001 - a JVM that does not end: no archive, nothing else lost
            return
        if os.path.isfile(self.writing) and os.path.getsize(self.writing) > 0:
            os.replace(self.writing, self.path)
            print("sitrep_spark: saved the JVM's class archive for faster start-ups: %s" % self.path,
                  file=sys.stderr)
            self.prune()

    def prune(self):
        """Deletes the archives beyond the KEEP most recently used (this run's included)."""
        import glob

        archives = []
        for path in glob.glob(os.path.join(os.path.dirname(self.path), "jvm-classes-*.jsa")):
            try:
                archives.append((os.path.getmtime(path), path))
            except OSError:
                pass
        archives.sort(reverse=True)
        for _, path in archives[self.KEEP:]:
            if path != self.path:
                try:
                    os.remove(path)
                except OSError:
                    pass


def rows_reader_loaded(spark):
    """Is the row reader's class on the driver's class path?"""
    from py4j.java_gateway import JavaClass

    obj = spark.sparkContext._jvm
    for part in ROWS_CLASS.split("."):
        obj = getattr(obj, part)
    return isinstance(obj, JavaClass)


def rows_schema():
    """The row reader's schema: TSV_COLUMNS typed as parse_tsv types them, then `month`; `record`
    and `month` NOT NULL (so Spark's writer needs no per-row projection turning empty partition
    values into nulls). Type objects, not DDL: Spark's SQL parser never starts (~1 CPU-s)."""
    from pyspark.sql import types as T

    simple = {"STRING": T.StringType(), "INT": T.IntegerType(), "BIGINT": T.LongType(),
              "DOUBLE": T.DoubleType(), "BOOLEAN": T.BooleanType(), "DATE": T.DateType()}
    source = T.StructType([T.StructField("name", T.StringType()), T.StructField("role", T.StringType()),
                           T.StructField("anonymous", T.BooleanType()), T.StructField("start", T.IntegerType()),
                           T.StructField("end", T.IntegerType())])
    fields = []
    for c in TSV_COLUMNS + ["month"]:
        if c == "sources":
            t = T.ArrayType(source)
        elif c in ("date_first", "date_last"):
            t = T.DateType()
        else:
            t = simple[TSV_TYPES.get(c, "STRING")]
        fields.append(T.StructField(c, t, nullable=c not in ("record", "month")))
    return T.StructType(fields)


def parse_tsv_rows(spark, articles, command, env):
    """As parse_tsv, with the row reader: every partition of `articles` (a JVM RDD of lines)
    piped through `command` by the row reader's pipe, and the TSV lines it prints as the same
    typed columns, `month` included, with no trailer rows: a TsvRecords.Piped (`frame()`, and
    `counts()` once the frame has been written)."""
    jvm = spark.sparkContext._jvm
    reader = getattr(getattr(jvm.sitrep, "spark"), "TsvRecords")
    return reader.piped(spark._jsparkSession, articles, command, env, rows_schema().json(), "date_first", UNDATED,
                        TRAILER_KEY)


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
    ap.add_argument("--partitions", type=int, default=0,
                    help="number of partitions (at least; default: two per core of the job)")
    ap.add_argument("--input-format", choices=["jsonl", "parquet"], help="default: from the path")
    ap.add_argument("--threads", type=int, default=0, help="threads per sitrep process (default: spark.task.cpus)")
    ap.add_argument("--max-bytes", type=int, default=10 * 1024 * 1024, help="largest article accepted")
    ap.add_argument("--max-writers", type=int, default=0,
                    help="Parquet files a task keeps open at once instead of sorting by month (default 0: sort)")
    ap.add_argument("--wire", choices=["auto", "rows", "tsv", "json"], default="auto",
                    help="what the binary prints for Spark: Spark's binary rows (nothing to parse; needs the "
                         "java row reader), flat TSV lines, or JSON Lines; auto (default): rows when the java "
                         "row reader can be had, else TSV")
    ap.add_argument("--row-reader", choices=["auto", "java", "csv"], default="auto",
                    help="how the TSV lines become typed rows: java (the row reader, compiled with the JDK's "
                         "javac on first use, or --rows-jar), csv (Spark's CSV reader and a projection), "
                         "auto (java when it can be had, else csv; default)")
    ap.add_argument("--rows-jar", help="the row reader's jar, built beforehand (on a cluster: also pass it to "
                                       "spark-submit with --jars)")
    ap.add_argument("--compression", default="snappy",
                    help="Parquet codec (snappy, zstd, lz4_raw, gzip, none; default snappy)")
    ap.add_argument("--no-dictionary", default=",".join(NO_DICTIONARY), metavar="COLUMNS",
                    help="columns written without Parquet dictionary encoding, comma-separated "
                         "(default: the nearly unique ones, %(default)s; '' for none)")
    ap.add_argument("--no-statistics", default=",".join(NO_STATISTICS), metavar="COLUMNS",
                    help="columns written without Parquet min/max statistics, comma-separated "
                         "(default: the free texts, %(default)s; '' for none)")
    ap.add_argument("--parquet-option", action="append", default=[], metavar="KEY=VALUE",
                    help="a Parquet writer option (repeatable), e.g. parquet.block.size=268435456")
    ap.add_argument("--master", help="Spark master when not run by spark-submit (default local[*])")
    ap.add_argument("--conf", action="append", default=[], metavar="KEY=VALUE",
                    help="a Spark setting, as spark-submit's --conf (repeatable; e.g. spark.driver.memory=4g "
                         "when run without spark-submit)")
    ap.add_argument("--class-archive", choices=["auto", "off"], default="auto",
                    help="when this script starts the JVM: keep a class-data archive of the classes the job "
                         "loads in ~/.cache/sitrep-spark (written by the first run, ~10 s once) and start the "
                         "JVM from it (auto, default), or not (off)")
    ap.add_argument("--log-level", default="WARN", help="Spark's log level (ERROR, WARN, INFO)")
    ap.add_argument("--overwrite", action="store_true", help="replace existing output")
    args = ap.parse_args(argv)

    from pyspark.sql import SparkSession

    builder = SparkSession.builder.appName("sitrep-extract").config("spark.ui.showConsoleProgress", "false")
    if args.master:  # otherwise spark-submit's, or Spark's default local[*]
        builder = builder.master(args.master)
    rows_jar, why = args.rows_jar, None
    wants_java = args.wire in ("auto", "rows", "tsv") and args.row_reader != "csv"
    if args.wire == "rows" and args.row_reader == "csv":
        ap.error("--wire rows needs the java row reader (not --row-reader csv)")
    if wants_java and not rows_jar:
        rows_jar, why = build_rows_jar()
    if rows_jar:
        # On the executors' class path (spark.jars) and the driver's (when this script starts the
        # JVM; under spark-submit, pass the jar with --jars as well).
        jars = [j for kv in args.conf if kv.startswith("spark.jars=") for j in kv.split("=", 1)[1].split(",") if j]
        builder = builder.config("spark.jars", ",".join(jars + [rows_jar])).config(
            "spark.driver.extraClassPath", rows_jar)
    # When this script starts the JVM itself (not under spark-submit, which has started it), the
    # JVM's settings measured best for this job (docs/benchmarks-scale.md) unless --conf sets them.
    given = {kv.partition("=")[0] for kv in args.conf}
    archive = None
    if not os.environ.get("PYSPARK_GATEWAY_PORT"):
        defaults = dict(LOCAL_JVM_DEFAULTS)
        if rows_jar:
            # Hadoop's local file system, setting permissions in-process instead of starting a
            # `chmod` per file it writes (LocalFs.java); the jar is on the JVM's class path.
            defaults["spark.hadoop.fs.file.impl"] = "sitrep.spark.LocalFs"
        options = "spark.driver.extraJavaOptions"
        if options not in given and args.class_archive == "auto":
            archive = ClassArchive(defaults[options], rows_jar)
            defaults[options] += " " + archive.option()
        for k, v in defaults.items():
            if k not in given:
                builder = builder.config(k, v)
    for kv in args.conf:
        k, sep, v = kv.partition("=")
        if not sep:
            ap.error("--conf %r: expected KEY=VALUE" % kv)
        if k != "spark.jars" or not rows_jar:
            builder = builder.config(k, v)
    for k, v in JOB_DEFAULTS.items():
        if k not in given:
            builder = builder.config(k, v)
    # Rows go to one open Parquet file per (record, month) of the task, up to --max-writers of
    # them, instead of a sort of the whole partition by month first (Spark's planned write); past
    # the limit Spark sorts the rest, so the output is the same either way.
    if args.max_writers:
        builder = builder.config("spark.sql.optimizer.plannedWrite.enabled", "false").config(
            "spark.sql.maxConcurrentOutputFileWriters", str(args.max_writers))
    spark = builder.getOrCreate()
    sc = spark.sparkContext
    # Under spark-submit the context exists before the builder's settings: set them on it.
    for k, v in JOB_DEFAULTS.items():
        if k not in given:
            if k.startswith("spark.hadoop."):
                sc._jsc.hadoopConfiguration().set(k[len("spark.hadoop."):], v)
            else:
                spark.conf.set(k, v)
    sc.setLogLevel(args.log_level)

    binary = resolve_binary(sc, args.binary)
    threads = args.threads or int(sc.getConf().get("spark.task.cpus", "1"))
    fmt = args.input_format or guess_format(args.input)
    java_rows = False
    if wants_java:
        java_rows = rows_reader_loaded(spark)
        if not java_rows:
            why = why or "class %s not on the driver's class path" % ROWS_CLASS
            if args.row_reader == "java" or args.wire == "rows":
                spark.stop()
                raise RuntimeError("sitrep_spark: no row reader: " + why)
            print("sitrep_spark: row reader unavailable (%s); using Spark's CSV reader" % why, file=sys.stderr)
    wire = args.wire if args.wire != "auto" else "rows" if java_rows else "tsv"
    articles = read_lines(spark, args.input, fmt, args.partitions, raw=java_rows)
    records, counts, partitions = pipe_records(spark, articles, binary, args.max_bytes, threads, wire,
                                               java_rows)

    # One pass: the binary's output is parsed and written once, as one dataset partitioned by
    # record type and month (no cache, no second pass), counted on the way.
    writer = records.write.mode("overwrite" if args.overwrite else "errorifexists")
    # Cheaper Parquet: no dictionary for nearly unique text columns (Parquet would fill a
    # dictionary page with them, then give up and write them plain), no page checksums (optional
    # in the format; readers verify them only when asked).
    writer = writer.option("compression", args.compression).option("parquet.page.write-checksum.enabled", "false")
    # Parquet's codecs allocate an output buffer of io.file.buffer.size for every page they
    # compress, and Spark sets that to 64 KB (spark.buffer.size): over ~50 columns × 2 pages of
    # each of hundreds of files, zeroing those buffers was 2-7% of the tasks' samples (JFR). The
    # buffer only stages the compressed bytes, 4 KB at a time as well as 64.
    writer = writer.option("io.file.buffer.size", "4096")
    for c in filter(None, args.no_dictionary.split(",")):
        writer = writer.option("parquet.enable.dictionary#" + c.strip(), "false")
    # Min/max statistics of free text help no query (nobody filters evidence_text by range) and
    # cost a comparison of every value; the page size statistics likewise.
    for c in filter(None, args.no_statistics.split(",")):
        writer = writer.option("parquet.column.statistics.enabled#" + c.strip(), "false")
    writer = writer.option("parquet.size.statistics.enabled", "false")
    for kv in args.parquet_option:
        k, sep, v = kv.partition("=")
        if not sep:
            ap.error("--parquet-option %r: expected KEY=VALUE" % kv)
        writer = writer.option(k, v)
    writer.partitionBy("record", "month").parquet(args.output)
    counts = counts()
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
        "sitrep_spark: %d events, %d control claims, %d errors from %d partitions -> %s (rows: %s)"
        % (counts["event"], counts["control"], counts["error"], partitions, args.output,
           {"json": "json", "rows": "binary rows"}.get(wire, "java row reader" if java_rows else "csv reader")),
        file=sys.stderr,
    )
    spark.stop()
    if archive:
        archive.finish()
    return 0


if __name__ == "__main__":
    sys.exit(main())
