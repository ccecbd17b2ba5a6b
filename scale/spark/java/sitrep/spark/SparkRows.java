// Turns what `sitrep extract --format spark-rows` prints into the job's rows with nothing to parse
// (docs/scale.md, "The row reader"): each record is already the binary row Spark builds for the
// job's schema (crates/sitrep-export/src/spark_rows.rs has the layout). The binary's header must
// name that schema exactly; every row's null bits and offsets are checked against its length
// before Spark reads it (a row that does not fit fails the task, as a bad TSV line does), and the
// rows come out grouped by (record, month) as TsvRecords gives them, counted the same way.
package sitrep.spark;

import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.UnsafeRow;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.unsafe.Platform;

public final class SparkRows {
    private SparkRows() {}

    /** The header line the binary prints first: the format's version and the schema's simple
     *  string. */
    static final String HEADER_PREFIX = "spark-rows 1 ";

    /**
     * As {@link TsvRecords#piped}, for a command that prints framed binary rows of
     * {@code schemaJson} (its last field the month, {@code record} and {@code month} NOT NULL)
     * after a header naming that schema; the trailer is the text line after a -1 frame length.
     */
    public static TsvRecords.Piped piped(org.apache.spark.sql.classic.SparkSession spark, JavaRDD<?> input,
                                         List<String> command, Map<String, String> env, String schemaJson,
                                         String trailerKey) {
        if (ByteOrder.nativeOrder() != ByteOrder.LITTLE_ENDIAN) {
            throw new IllegalStateException("sitrep: the spark-rows wire needs a little-endian JVM; use --wire tsv");
        }
        StructType schema = (StructType) DataType.fromJson(schemaJson);
        Layout layout = new Layout(schema);
        List<String> cmd = new ArrayList<>(command);
        Map<String, String> vars = new HashMap<>(env);
        TsvRecords.Counts counts = new TsvRecords.Counts(spark.sparkContext());
        byte[] trailer = trailerKey.getBytes(StandardCharsets.UTF_8);
        JavaRDD<InternalRow> rows = input.mapPartitions(
            it -> new Rows(new BytePipe(it, cmd, vars, true), layout, trailer, counts));
        return new TsvRecords.Piped(TsvRecords.ordered(spark, rows, schema), counts);
    }

    /** Where a row of the schema keeps what: which fields hold variable-length bytes, and the
     *  element struct of the one array field. */
    static final class Layout implements java.io.Serializable {
        private static final long serialVersionUID = 1L;
        static final int FIXED = 0, TEXT = 1, ARRAY = 2;
        final int fields;
        final int[] kinds;
        final int[] elementKinds;
        final String header;

        Layout(StructType schema) {
            fields = schema.length();
            kinds = new int[fields];
            int[] element = new int[0];
            for (int i = 0; i < fields; i++) {
                DataType t = schema.fields()[i].dataType();
                if (t instanceof ArrayType) {
                    StructType e = (StructType) ((ArrayType) t).elementType();
                    element = kinds(e);
                    kinds[i] = ARRAY;
                } else {
                    kinds[i] = kind(t);
                }
            }
            elementKinds = element;
            header = HEADER_PREFIX + schema.catalogString();
        }

        static int[] kinds(StructType s) {
            int[] k = new int[s.length()];
            for (int i = 0; i < k.length; i++) k[i] = kind(s.fields()[i].dataType());
            return k;
        }

        static int kind(DataType t) {
            if (t.equals(DataTypes.StringType)) return TEXT;
            if (t.equals(DataTypes.IntegerType) || t.equals(DataTypes.LongType) || t.equals(DataTypes.DoubleType)
                || t.equals(DataTypes.BooleanType) || t.equals(DataTypes.DateType)) return FIXED;
            throw new IllegalArgumentException("SparkRows: unsupported type " + t);
        }

        static int fixedBytes(int n) {
            return ((n + 63) / 64) * 8 + 8 * n;
        }

        /** Checks that every non-null variable-length field of the row in {@code r} lies inside
         *  it (and the array's elements inside the array), and that the first and last fields
         *  (record, month) are not null. */
        void check(byte[] r) {
            long base = Platform.BYTE_ARRAY_OFFSET;
            int fixed = fixedBytes(fields);
            if (r.length % 8 != 0 || r.length < fixed) throw bad(r, "is " + r.length + " bytes, not a row of " + fields + " fields");
            for (int i = 0; i < fields; i++) {
                boolean isNull = (r[i >> 3] >> (i & 7) & 1) != 0;
                if (isNull) {
                    if (i == 0 || i == fields - 1) throw bad(r, "has no " + (i == 0 ? "record type" : "month"));
                    continue;
                }
                if (kinds[i] == FIXED) continue;
                long slot = Platform.getLong(r, base + ((fields + 63) / 64) * 8 + 8L * i);
                long off = slot >>> 32, size = slot & 0xffffffffL;
                if (off < fixed || off + size > r.length) throw bad(r, "field " + i + " lies outside the row");
                if (kinds[i] == ARRAY) checkArray(r, (int) off, (int) size, i);
            }
        }

        private void checkArray(byte[] r, int at, int size, int field) {
            long base = Platform.BYTE_ARRAY_OFFSET + at;
            if (size < 8) throw bad(r, "field " + field + ": array too short");
            long n = Platform.getLong(r, base);
            if (n < 0 || n > (size - 8) / 8) throw bad(r, "field " + field + ": bad array length " + n);
            int header = 8 + (int) ((n + 63) / 64) * 8;
            if (header + 8 * n > size) throw bad(r, "field " + field + ": array too short");
            int fixed = fixedBytes(elementKinds.length);
            for (int k = 0; k < n; k++) {
                if ((r[at + 8 + (k >> 3)] >> (k & 7) & 1) != 0) continue;
                long slot = Platform.getLong(r, base + header + 8L * k);
                long off = slot >>> 32, len = slot & 0xffffffffL;
                if (off < header + 8 * n || off + len > size || len < fixed || len % 8 != 0) {
                    throw bad(r, "field " + field + ": element " + k + " lies outside the array");
                }
                int e = at + (int) off;
                int words = ((elementKinds.length + 63) / 64) * 8;
                for (int j = 0; j < elementKinds.length; j++) {
                    if (elementKinds[j] == FIXED || (r[e + (j >> 3)] >> (j & 7) & 1) != 0) continue;
                    long s = Platform.getLong(r, Platform.BYTE_ARRAY_OFFSET + e + words + 8L * j);
                    long o = s >>> 32, l = s & 0xffffffffL;
                    if (o < fixed || o + l > len) throw bad(r, "field " + field + ": element " + k + " field " + j + " lies outside it");
                }
            }
        }

        /** Bytes [off, off + size) of the row's variable-length field i. */
        byte[] var(byte[] r, int i) {
            long slot = Platform.getLong(r, Platform.BYTE_ARRAY_OFFSET + ((fields + 63) / 64) * 8 + 8L * i);
            int off = (int) (slot >>> 32), size = (int) slot;
            return java.util.Arrays.copyOfRange(r, off, off + size);
        }

        /** The row's group: its record type, a 0 byte, its month (as LineGroups.Key orders them). */
        byte[] groupKey(byte[] r) {
            byte[] record = var(r, 0), month = var(r, fields - 1);
            byte[] key = new byte[record.length + 1 + month.length];
            System.arraycopy(record, 0, key, 0, record.length);
            System.arraycopy(month, 0, key, record.length + 1, month.length);
            return key;
        }

        static IllegalStateException bad(byte[] r, String what) {
            return new IllegalStateException("sitrep: a binary row (" + r.length + " bytes) " + what);
        }
    }

    /** A partition's rows, grouped by (record, month) in ascending order: all frames are read
     *  (checked, counted, the trailer checked and dropped) into LineGroups, then handed out. */
    static final class Rows implements Iterator<InternalRow> {
        final BytePipe pipe;
        final Layout layout;
        final byte[] trailer;
        final TsvRecords.Counts counts;
        final UnsafeRow row;
        Iterator<byte[]> grouped;

        Rows(BytePipe pipe, Layout layout, byte[] trailer, TsvRecords.Counts counts) {
            this.pipe = pipe;
            this.layout = layout;
            this.trailer = trailer;
            this.counts = counts;
            row = new UnsafeRow(layout.fields);
        }

        Iterator<byte[]> group() {
            LineGroups groups = LineGroups.forTask();
            long events = 0, controls = 0, errors = 0;
            boolean started = false, ended = false;
            try {
                while (pipe.hasNext()) {
                    byte[] frame = pipe.next();
                    int kind = pipe.kind();
                    if (ended) throw Layout.bad(frame, "follows the partition's trailer");
                    if (kind == BytePipe.HEADER) {
                        String got = new String(frame, StandardCharsets.UTF_8);
                        if (started || !got.equals(layout.header)) {
                            throw new IllegalStateException("sitrep: the binary's rows are not the job's: it prints `"
                                + got + "`, the job reads `" + layout.header + "` (binary and job from different versions?)");
                        }
                        started = true;
                        continue;
                    }
                    if (kind == BytePipe.TRAILER) {
                        ended = true;
                        counts.trailer(frame, trailer);
                        continue;
                    }
                    if (!started) throw new IllegalStateException("sitrep: the binary's rows came without their header");
                    layout.check(frame);
                    byte[] key = layout.groupKey(frame);
                    if (startsWith(key, TsvRecords.Rows.EVENT)) events++;
                    else if (startsWith(key, TsvRecords.Rows.CONTROL)) controls++;
                    else if (startsWith(key, TsvRecords.Rows.ERROR)) errors++;
                    groups.add(new LineGroups.Key(key), frame);
                }
            } catch (java.io.IOException e) {
                throw new IllegalStateException("sitrep: spilling output rows", e);
            }
            counts.records(events, controls, errors);
            groups.noteSpills("output rows");
            return groups.lines();
        }

        /** Is {@code word} the key's record type (the key's bytes up to its 0 byte)? */
        static boolean startsWith(byte[] key, byte[] word) {
            if (key.length <= word.length || key[word.length] != 0) return false;
            for (int k = 0; k < word.length; k++) if (key[k] != word[k]) return false;
            return true;
        }

        public boolean hasNext() {
            if (grouped == null) grouped = group();
            return grouped.hasNext();
        }

        public InternalRow next() {
            if (!hasNext()) throw new NoSuchElementException();
            byte[] r = grouped.next();
            row.pointTo(r, r.length);
            return row;
        }
    }
}
