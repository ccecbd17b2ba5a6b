// Turns the lines `sitrep extract --format tsv` prints into Spark's typed rows, in the JVM and
// with no generic reader in between (docs/scale.md, "The row reader"): one pass over each line,
// each field written straight into Spark's binary row (text as bytes, numbers, booleans, dates
// as days, the sources array), then the month partition column; the partition's rows come out
// grouped by (record, month), an order the DataFrame declares so that Spark's partitioned writer
// needs no sort, and the records and trailers are counted in accumulators. A line that does not
// fit the schema fails the task (FAILFAST), as the CSV reader it replaces does.
package sitrep.spark;

import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.Ascending$;
import org.apache.spark.sql.catalyst.expressions.Attribute;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.expressions.SortOrder;
import org.apache.spark.sql.catalyst.expressions.SortOrder$;
import org.apache.spark.sql.catalyst.expressions.UnsafeRow;
import org.apache.spark.sql.catalyst.expressions.codegen.UnsafeArrayWriter;
import org.apache.spark.sql.catalyst.expressions.codegen.UnsafeRowWriter;
import org.apache.spark.sql.catalyst.plans.physical.Partitioning;
import org.apache.spark.sql.catalyst.plans.physical.UnknownPartitioning;
import org.apache.spark.sql.catalyst.types.DataTypeUtils;
import org.apache.spark.sql.connector.read.streaming.SparkDataStream;
import org.apache.spark.sql.execution.LogicalRDD;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.unsafe.types.UTF8String;
import org.apache.spark.util.LongAccumulator;

public final class TsvRecords {
    private TsvRecords() {}

    /**
     * Every partition of {@code input} piped through {@code command} (BytePipe: its elements
     * written to the command's stdin as lines, {@code env} added to its environment), the TSV
     * lines it prints as a DataFrame of {@code schemaJson} (a StructType as JSON, as
     * {@code DataType.json()} writes it): its fields but the last are the TSV columns in
     * order; the last is the month of {@code dateField} ({@code yyyy-MM}), or {@code undated}
     * when that date is null. The partition's trailer line (record {@code trailerKey}, the
     * binary's exit status in the second field) is not a row: it is counted, with the records
     * of each type, in the accumulators of the returned {@link Piped}.
     */
    public static Piped piped(org.apache.spark.sql.classic.SparkSession spark, JavaRDD<?> input,
                              List<String> command, Map<String, String> env,
                              String schemaJson, String dateField, String undated, String trailerKey) {
        StructType schema = (StructType) DataType.fromJson(schemaJson);
        Parser parser = new Parser(schema, dateField, undated);
        List<String> cmd = new ArrayList<>(command);
        Map<String, String> vars = new HashMap<>(env);
        Counts counts = new Counts(spark.sparkContext());
        byte[] trailer = trailerKey.getBytes(StandardCharsets.UTF_8);
        JavaRDD<InternalRow> rows = input.mapPartitions(
            it -> new Rows(new BytePipe(it, cmd, vars), parser, trailer, counts));
        return new Piped(ordered(spark, rows, schema), counts);
    }

    /** The rows as a DataFrame of {@code schema} that declares them sorted by its first field
     *  (record) and then its last (month), as Rows returns them, so that Spark's writer
     *  partitioned by those two columns needs no sort of its own (Spark's internal API: a
     *  LogicalRDD with its output ordering). */
    static Dataset<Row> ordered(org.apache.spark.sql.classic.SparkSession spark, JavaRDD<InternalRow> rows,
                                StructType schema) {
        @SuppressWarnings({"unchecked", "rawtypes"})
        scala.collection.immutable.Seq<Attribute> output = (scala.collection.immutable.Seq) DataTypeUtils.toAttributes(schema);
        scala.collection.immutable.Seq<Expression> none = RowsScan.seq();
        scala.collection.immutable.Seq<SortOrder> ordering = RowsScan.seq(
            SortOrder$.MODULE$.apply(output.apply(0), Ascending$.MODULE$, none),
            SortOrder$.MODULE$.apply(output.apply(output.length() - 1), Ascending$.MODULE$, none));
        Partitioning partitioning = new UnknownPartitioning(0);
        scala.Option<SparkDataStream> stream = scala.Option.empty();
        // Scanned without a copy of each row (RowsScan): they are binary rows of `schema` already.
        org.apache.spark.rdd.RDD<InternalRow> rdd = rows.rdd().setName(RowsScan.NAME);
        RowsScan.install(spark);
        LogicalRDD plan = new LogicalRDD(output, rdd, partitioning, ordering, false, stream, spark,
            LogicalRDD.$lessinit$greater$default$8(output, rdd, partitioning, ordering, false, stream),
            LogicalRDD.$lessinit$greater$default$9(output, rdd, partitioning, ordering, false, stream),
            LogicalRDD.$lessinit$greater$default$10(output, rdd, partitioning, ordering, false, stream));
        return org.apache.spark.sql.classic.Dataset$.MODULE$.ofRows(spark, plan);
    }

    /** What {@link #piped} returns: the rows, and the counts its tasks add up as they read. */
    public static final class Piped {
        private final Dataset<Row> frame;
        private final Counts counts;

        Piped(Dataset<Row> frame, Counts counts) {
            this.frame = frame;
            this.counts = counts;
        }

        public Dataset<Row> frame() {
            return frame;
        }

        /** Records of each type, trailers, and trailers whose status is 1 (failed inputs), once
         *  the job that read the rows has run: a map of those names to counts. */
        public Map<String, Long> counts() {
            Map<String, Long> m = new HashMap<>();
            m.put("event", counts.events.value());
            m.put("control", counts.controls.value());
            m.put("error", counts.errors.value());
            m.put("trailers", counts.trailers.value());
            m.put("failed_inputs", counts.failedInputs.value());
            return m;
        }
    }

    /** The job's counters, added to by every task (Spark applies a successful task's additions
     *  once: a retried or failed attempt's are dropped). */
    static final class Counts implements java.io.Serializable {
        private static final long serialVersionUID = 1L;
        final LongAccumulator events, controls, errors, trailers, failedInputs;

        Counts(org.apache.spark.SparkContext sc) {
            events = sc.longAccumulator("sitrep events");
            controls = sc.longAccumulator("sitrep control claims");
            errors = sc.longAccumulator("sitrep errors");
            trailers = sc.longAccumulator("sitrep partition trailers");
            failedInputs = sc.longAccumulator("sitrep partitions with failed inputs");
        }

        /** A partition's records of each type. */
        void records(long event, long control, long error) {
            events.add(event);
            controls.add(control);
            errors.add(error);
        }

        /** A partition's trailer, `<key><TAB><status>...`: the binary's status, counted. */
        void trailer(byte[] line, byte[] key) {
            if (!Parser.startsWithField(line, key)) throw bad(line, "is not the partition's trailer");
            int from = key.length + 1, to = from;
            while (to < line.length && line[to] != '\t') to++;
            long status = to > from ? Parser.parseLong(line, from, to) : Long.MIN_VALUE;
            if (status == Long.MIN_VALUE) throw bad(line, "trailer has no status");
            trailers.add(1);
            if (status == 1) failedInputs.add(1);
        }
    }

    /** How one line becomes one row. */
    static final class Parser implements java.io.Serializable {
        private static final long serialVersionUID = 1L;
        // Field kinds, by position.
        static final int STRING = 0, INT = 1, LONG = 2, DOUBLE = 3, BOOLEAN = 4, DATE = 5, SOURCES = 6;
        final int[] kinds;
        final int width; // TSV columns (the schema's fields but the month)
        final int dateIndex;
        final UTF8String undated;
        final byte[][] sourceKeys; // UTF-8
        final int[] sourceKinds;

        Parser(StructType schema, String dateField, String undated) {
            StructField[] fields = schema.fields();
            width = fields.length - 1;
            kinds = new int[width];
            String[] keys = new String[0];
            int[] keyKinds = new int[0];
            for (int i = 0; i < width; i++) {
                DataType t = fields[i].dataType();
                if (t instanceof ArrayType) {
                    StructType e = (StructType) ((ArrayType) t).elementType();
                    keys = e.fieldNames();
                    keyKinds = new int[keys.length];
                    for (int k = 0; k < keys.length; k++) {
                        keyKinds[k] = kind(e.fields()[k].dataType());
                    }
                    kinds[i] = SOURCES;
                } else {
                    kinds[i] = kind(t);
                }
            }
            sourceKeys = new byte[keys.length][];
            for (int k = 0; k < keys.length; k++) sourceKeys[k] = keys[k].getBytes(StandardCharsets.UTF_8);
            sourceKinds = keyKinds;
            dateIndex = schema.fieldIndex(dateField);
            this.undated = UTF8String.fromString(undated);
        }

        static int kind(DataType t) {
            if (t.equals(DataTypes.StringType)) return STRING;
            if (t.equals(DataTypes.IntegerType)) return INT;
            if (t.equals(DataTypes.LongType)) return LONG;
            if (t.equals(DataTypes.DoubleType)) return DOUBLE;
            if (t.equals(DataTypes.BooleanType)) return BOOLEAN;
            if (t.equals(DataTypes.DateType)) return DATE;
            throw new IllegalArgumentException("TsvRecords: unsupported type " + t);
        }

        /** A line given as its UTF-8 bytes, written into {@code w}'s row (reused from line to
         *  line: the caller copies it or is done with it before the next): a text field is its
         *  slice of the line (or its unescaped bytes), a number or a date its binary value; no
         *  object per field. */
        UnsafeRow parse(byte[] b, UnsafeRowWriter w, UnsafeRowWriter source, UnsafeArrayWriter sources) {
            byte[] line = b;
            w.reset();
            w.zeroOutNullBytes();
            int start = 0, days = Integer.MIN_VALUE;
            for (int i = 0; i < width; i++) {
                int end = indexOfTab(b, start);
                if (end < 0) {
                    if (i != width - 1) throw bad(line, "has " + (i + 1) + " fields, expected " + width);
                    end = b.length;
                }
                if (end == start) {
                    if (i == 0) throw bad(line, "has no record type");
                    w.setNullAt(i);
                } else if (i == dateIndex) {
                    Object d = date(b, start, end);
                    if (d == null) w.setNullAt(i);
                    else w.write(i, days = (Integer) d);
                } else {
                    field(w, b, start, end, i, line, source, sources);
                }
                start = end + 1;
            }
            if (start <= b.length) throw bad(line, "has more than " + width + " fields");
            w.write(width, days == Integer.MIN_VALUE ? undated : month(days));
            return w.getRow();
        }

        /** The line's group: its record type, a 0 byte, the month of its date (as parse gives
         *  it). */
        byte[] groupKey(byte[] line) {
            int tab = indexOfTab(line, 0);
            if (tab <= 0) throw bad(line, "has no record type");
            int start = tab + 1;
            for (int f = 1; f < dateIndex; f++) {
                int end = indexOfTab(line, start);
                if (end < 0) throw bad(line, "has " + (f + 1) + " fields, expected " + width);
                start = end + 1;
            }
            int end = indexOfTab(line, start);
            if (end < 0) end = line.length;
            Object d = end > start ? date(line, start, end) : null;
            byte[] month = (d == null ? undated : month((Integer) d)).getBytes();
            byte[] key = new byte[tab + 1 + month.length];
            System.arraycopy(line, 0, key, 0, tab);
            System.arraycopy(month, 0, key, tab + 1, month.length);
            return key;
        }

        /** Does the line's first field equal {@code word}? */
        static boolean startsWithField(byte[] line, byte[] word) {
            if (line.length < word.length || (line.length > word.length && line[word.length] != '\t')) return false;
            for (int k = 0; k < word.length; k++) if (line[k] != word[k]) return false;
            return true;
        }

        static int indexOfTab(byte[] b, int from) {
            for (int i = from; i < b.length; i++) if (b[i] == '\t') return i;
            return -1;
        }

        /** `yyyy-MM` of a date given as days since 1970-01-01. */
        static UTF8String month(int days) {
            LocalDate day = LocalDate.ofEpochDay(days);
            int y = day.getYear(), m = day.getMonthValue();
            if (y < 0 || y > 9999) return UTF8String.fromString(String.format("%04d-%02d", y, m));
            byte[] b = {(byte) ('0' + y / 1000), (byte) ('0' + y / 100 % 10), (byte) ('0' + y / 10 % 10),
                        (byte) ('0' + y % 10), '-', (byte) ('0' + m / 10), (byte) ('0' + m % 10)};
            return UTF8String.fromBytes(b);
        }

        /** Field i, the bytes [start, end) of the line (not empty), written into {@code w}. */
        void field(UnsafeRowWriter w, byte[] b, int start, int end, int i, byte[] line, UnsafeRowWriter source,
                   UnsafeArrayWriter sources) {
            switch (kinds[i]) {
                case STRING: {
                    int slash = start;
                    while (slash < end && b[slash] != '\\') slash++;
                    if (slash == end) w.write(i, b, start, end - start);
                    else w.write(i, unescape(b, start, end, line));
                    return;
                }
                case INT: {
                    long v = parseLong(b, start, end);
                    if (v == Long.MIN_VALUE || v != (int) v) throw notNumber(b, start, end, i, line);
                    w.write(i, (int) v);
                    return;
                }
                case LONG: {
                    long v = parseLong(b, start, end);
                    if (v == Long.MIN_VALUE) {
                        try { // Long.MIN_VALUE itself, or not a number
                            v = Long.parseLong(ascii(b, start, end));
                        } catch (NumberFormatException e) {
                            throw notNumber(b, start, end, i, line);
                        }
                    }
                    w.write(i, v);
                    return;
                }
                case DOUBLE: {
                    double v = parseDouble(b, start, end);
                    if (Double.isNaN(v)) {
                        try {
                            v = Double.parseDouble(ascii(b, start, end));
                        } catch (NumberFormatException e) {
                            throw notNumber(b, start, end, i, line);
                        }
                    }
                    w.write(i, v);
                    return;
                }
                case BOOLEAN:
                    if (is(b, start, end, TRUE)) w.write(i, true);
                    else if (is(b, start, end, FALSE)) w.write(i, false);
                    else throw bad(line, "field " + i + " is not a boolean: " + utf8(b, start, end));
                    return;
                case DATE: {
                    Object d = date(b, start, end);
                    if (d == null) w.setNullAt(i);
                    else w.write(i, (int) (Integer) d);
                    return;
                }
                default:
                    writeSources(w, i, sources(unescape(b, start, end, line), line), source, sources);
            }
        }

        /** The sources as an array of structs in field i: each struct's fields by sourceKinds. */
        void writeSources(UnsafeRowWriter w, int i, List<Object[]> items, UnsafeRowWriter source,
                          UnsafeArrayWriter sources) {
            int previous = w.cursor();
            sources.initialize(items.size());
            for (int k = 0; k < items.size(); k++) {
                int at = sources.cursor();
                source.resetRowWriter();
                Object[] f = items.get(k);
                for (int j = 0; j < f.length; j++) {
                    Object v = f[j];
                    if (v == null) source.setNullAt(j);
                    else if (v instanceof byte[]) source.write(j, (byte[]) v);
                    else if (v instanceof Integer) source.write(j, (int) (Integer) v);
                    else if (v instanceof Long) source.write(j, (long) (Long) v);
                    else if (v instanceof Double) source.write(j, (double) (Double) v);
                    else source.write(j, (boolean) (Boolean) v);
                }
                sources.setOffsetAndSizeFromPreviousCursor(k, at);
            }
            w.setOffsetAndSizeFromPreviousCursor(i, previous);
        }

        static final byte[] TRUE = {'t', 'r', 'u', 'e'}, FALSE = {'f', 'a', 'l', 's', 'e'};

        static boolean is(byte[] b, int start, int end, byte[] word) {
            if (end - start != word.length) return false;
            for (int k = 0; k < word.length; k++) if (b[start + k] != word[k]) return false;
            return true;
        }

        static String ascii(byte[] b, int start, int end) {
            return new String(b, start, end - start, StandardCharsets.ISO_8859_1);
        }

        static String utf8(byte[] b, int start, int end) {
            return new String(b, start, end - start, StandardCharsets.UTF_8);
        }

        RuntimeException notNumber(byte[] b, int start, int end, int i, byte[] line) {
            return bad(line, "field " + i + " is not a number: " + utf8(b, start, end));
        }

        /** A decimal integer as Integer.parseInt/Long.parseLong read it (an optional sign, then
         *  ASCII digits), or Long.MIN_VALUE when it is not one or does not fit a long. */
        static long parseLong(byte[] b, int start, int end) {
            boolean negative = b[start] == '-';
            int i = negative || b[start] == '+' ? start + 1 : start;
            if (i >= end || end - i > 18) return Long.MIN_VALUE; // 18 digits always fit
            long v = 0;
            for (; i < end; i++) {
                int c = b[i] - '0';
                if (c < 0 || c > 9) return Long.MIN_VALUE;
                v = v * 10 + c;
            }
            return negative ? -v : v;
        }

        static final double[] POWERS_OF_TEN = new double[23];
        static {
            double p = 1;
            for (int k = 0; k < POWERS_OF_TEN.length; k++, p *= 10) POWERS_OF_TEN[k] = p;
        }

        /** A plain decimal (an optional minus, digits, optionally a point and digits) whose
         *  digits make an integer of at most 2^53 with at most 22 of them after the point, as
         *  Double.parseDouble reads it; NaN for anything else (Double.parseDouble decides then).
         *  Both that integer and the power of ten (up to 10^22) are exact doubles, so their
         *  quotient is the correctly rounded value: the double Double.parseDouble returns. */
        static double parseDouble(byte[] b, int start, int end) {
            int i = start;
            boolean negative = b[i] == '-';
            if (negative) i++;
            long m = 0;
            int digits = 0, whole = 0, fraction = 0;
            boolean point = false;
            for (; i < end; i++) {
                int c = b[i];
                if (c == '.' && !point) {
                    point = true;
                    continue;
                }
                c -= '0';
                if (c < 0 || c > 9) return Double.NaN;
                if (m != 0 || c != 0) digits++;
                if (digits > 18) return Double.NaN; // m might overflow
                m = m * 10 + c;
                if (point) fraction++;
                else whole++;
            }
            if (whole == 0 || (point && fraction == 0) || m > (1L << 53) || fraction > 22) return Double.NaN;
            double v = fraction > 0 ? m / POWERS_OF_TEN[fraction] : m;
            return negative ? -v : v;
        }

        /** A `YYYY-MM-DD` date as days since 1970-01-01; null when it is not a valid date (as
         *  Spark's try_cast), read as LocalDate.parse reads it. */
        static Object date(byte[] b, int start, int end) {
            if (end - start == 10 && b[start + 4] == '-' && b[start + 7] == '-') {
                int y = digits(b, start, 4), m = digits(b, start + 5, 2), d = digits(b, start + 8, 2);
                if (y >= 0 && m >= 0 && d >= 0) {
                    try {
                        return (int) LocalDate.of(y, m, d).toEpochDay();
                    } catch (DateTimeException e) {
                        return null;
                    }
                }
            }
            try {
                return (int) LocalDate.parse(utf8(b, start, end)).toEpochDay();
            } catch (DateTimeParseException e) {
                return null;
            }
        }

        static int digits(byte[] b, int start, int n) {
            int v = 0;
            for (int i = start; i < start + n; i++) {
                int c = b[i] - '0';
                if (c < 0 || c > 9) return -1;
                v = v * 10 + c;
            }
            return v;
        }

        /** The bytes [start, end) with the TSV escapes undone: \\ \t \n \r \0, and \e for the
         *  empty text. */
        static byte[] unescape(byte[] s, int start, int end, byte[] line) {
            int b = start;
            while (b < end && s[b] != '\\') b++;
            if (b == end) return Arrays.copyOfRange(s, start, end);
            byte[] out = new byte[end - start];
            int n = b - start;
            System.arraycopy(s, start, out, 0, n);
            for (int i = b; i < end; i++) {
                byte c = s[i];
                if (c != '\\') {
                    out[n++] = c;
                    continue;
                }
                if (++i >= end) throw bad(line, "lone backslash");
                switch (s[i]) {
                    case '\\': out[n++] = '\\'; break;
                    case 't': out[n++] = '\t'; break;
                    case 'n': out[n++] = '\n'; break;
                    case 'r': out[n++] = '\r'; break;
                    case '0': out[n++] = 0; break;
                    case 'e': break;
                    default: throw bad(line, "unknown escape \\" + (char) (s[i] & 0xff));
                }
            }
            return Arrays.copyOf(out, n);
        }

        /** The `sources` JSON array (its UTF-8 bytes): objects of sourceKeys (others skipped). */
        List<Object[]> sources(byte[] json, byte[] line) {
            if (json.length == 2 && json[0] == '[' && json[1] == ']') return EMPTY; // most events
            Json j = new Json(json, line);
            List<Object[]> items = new ArrayList<>();
            j.expect('[');
            if (!j.peek(']')) {
                do {
                    Object[] f = new Object[sourceKeys.length];
                    j.expect('{');
                    if (!j.peek('}')) {
                        do {
                            byte[] key = j.string();
                            j.expect(':');
                            int k = indexOf(sourceKeys, key);
                            Object v = j.value(k < 0 ? -1 : sourceKinds[k]);
                            if (k >= 0) f[k] = v;
                        } while (j.peek(','));
                        j.expect('}');
                    }
                    items.add(f);
                } while (j.peek(','));
                j.expect(']');
            }
            j.end();
            return items;
        }

        static final List<Object[]> EMPTY = java.util.Collections.emptyList();

        static int indexOf(byte[][] a, byte[] s) {
            for (int i = 0; i < a.length; i++) if (Arrays.equals(a[i], s)) return i;
            return -1;
        }
    }

    static RuntimeException bad(byte[] bytes, String why) {
        String line = new String(bytes, StandardCharsets.UTF_8);
        String head = line.length() > 200 ? line.substring(0, 200) + "..." : line;
        return new IllegalStateException("sitrep TSV line " + why + ": " + head);
    }

    /** A strict reader of the flat JSON objects of `sources`, over their UTF-8 bytes (JSON's
     *  structure is ASCII; text is copied as bytes, escapes undone). */
    static final class Json {
        final byte[] s;
        final byte[] line;
        int i;

        Json(byte[] s, byte[] line) {
            this.s = s;
            this.line = line;
        }

        String text() {
            return new String(s, StandardCharsets.UTF_8);
        }

        void ws() {
            while (i < s.length && (s[i] == ' ' || s[i] == '\n' || s[i] == '\t' || s[i] == '\r')) i++;
        }

        boolean peek(char c) {
            ws();
            if (i < s.length && s[i] == c) {
                i++;
                return true;
            }
            return false;
        }

        void expect(char c) {
            if (!peek(c)) throw bad(line, "sources: expected '" + c + "' at " + i + " in " + text());
        }

        void end() {
            ws();
            if (i != s.length) throw bad(line, "sources: trailing text in " + text());
        }

        /** A string's UTF-8 bytes, its escapes undone (a \\u escape as Java's String encodes
         *  its UTF-16 unit, or the pair of units of a surrogate pair). */
        byte[] string() {
            expect('"');
            int from = i;
            while (i < s.length && s[i] != '"' && s[i] != '\\') i++;
            if (i < s.length && s[i] == '"') return Arrays.copyOfRange(s, from, i++);
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(i - from + 16);
            out.write(s, from, i - from);
            while (i < s.length) {
                byte c = s[i++];
                if (c == '"') return out.toByteArray();
                if (c != '\\') {
                    out.write(c);
                    continue;
                }
                if (i >= s.length) break;
                byte e = s[i++];
                switch (e) {
                    case '"': case '\\': case '/': out.write(e); break;
                    case 'b': out.write('\b'); break;
                    case 'f': out.write('\f'); break;
                    case 'n': out.write('\n'); break;
                    case 'r': out.write('\r'); break;
                    case 't': out.write('\t'); break;
                    case 'u': {
                        StringBuilder units = new StringBuilder(2);
                        units.append(unit());
                        if (Character.isHighSurrogate(units.charAt(0)) && i + 1 < s.length && s[i] == '\\'
                                && s[i + 1] == 'u') {
                            int at = i;
                            i += 2;
                            char low = unit();
                            if (Character.isLowSurrogate(low)) units.append(low);
                            else i = at;
                        }
                        byte[] enc = units.toString().getBytes(StandardCharsets.UTF_8);
                        out.write(enc, 0, enc.length);
                        break;
                    }
                    default: throw bad(line, "sources: bad escape in " + text());
                }
            }
            throw bad(line, "sources: unterminated string in " + text());
        }

        /** The four hex digits of a \\u escape, as a UTF-16 unit. */
        char unit() {
            if (i + 4 > s.length) throw bad(line, "sources: bad \\u escape");
            int v = 0;
            for (int k = 0; k < 4; k++) {
                int d = Character.digit(s[i + k], 16);
                if (d < 0) throw bad(line, "sources: bad \\u escape");
                v = v * 16 + d;
            }
            i += 4;
            return (char) v;
        }

        static final byte[] NULL = {'n', 'u', 'l', 'l'};

        /** A scalar value converted to `kind` (-1: read and dropped). */
        Object value(int kind) {
            ws();
            if (i >= s.length) throw bad(line, "sources: value expected in " + text());
            if (s[i] == '"') {
                byte[] v = string();
                if (kind == Parser.STRING || kind == -1) return kind == -1 ? null : v;
                throw bad(line, "sources: unexpected string in " + text());
            }
            int st = i;
            while (i < s.length && ",}] \t\r\n".indexOf(s[i]) < 0) i++;
            if (Parser.is(s, st, i, NULL) || kind == -1) return null;
            if (i > st) {
                switch (kind) {
                    case Parser.INT: {
                        long v = Parser.parseLong(s, st, i);
                        if (v != Long.MIN_VALUE && v == (int) v) return (int) v;
                        break;
                    }
                    case Parser.LONG: {
                        long v = Parser.parseLong(s, st, i);
                        if (v != Long.MIN_VALUE) return v;
                        break;
                    }
                    case Parser.BOOLEAN:
                        if (Parser.is(s, st, i, Parser.TRUE)) return Boolean.TRUE;
                        if (Parser.is(s, st, i, Parser.FALSE)) return Boolean.FALSE;
                        break;
                    default: break;
                }
                // What the fast paths leave: Java's own parsers decide (Long.MIN_VALUE, doubles).
                String tok = Parser.ascii(s, st, i);
                try {
                    switch (kind) {
                        case Parser.INT: return Integer.parseInt(tok);
                        case Parser.LONG: return Long.parseLong(tok);
                        case Parser.DOUBLE: return Double.parseDouble(tok);
                        default: break;
                    }
                } catch (NumberFormatException x) {
                    // below
                }
            }
            throw bad(line, "sources: bad value " + Parser.utf8(s, st, i) + " in " + text());
        }
    }

    /** A partition's rows, grouped by (record, month) in ascending order: the child's lines are
     *  all read first (the records counted, the trailer checked and dropped) into LineGroups,
     *  then parsed group by group. */
    static final class Rows implements Iterator<InternalRow> {
        static final byte[] EVENT = bytes("event"), CONTROL = bytes("control"), ERROR = bytes("error");
        final Iterator<byte[]> pipe;
        final Parser parser;
        final byte[] trailer;
        final Counts counts;
        Iterator<byte[]> grouped;

        Rows(Iterator<byte[]> pipe, Parser parser, byte[] trailer, Counts counts) {
            this.pipe = pipe;
            this.parser = parser;
            this.trailer = trailer;
            this.counts = counts;
            row = new UnsafeRowWriter(parser.width + 1, 1024);
            sources = new UnsafeArrayWriter(row, 8);
            source = new UnsafeRowWriter(sources, parser.sourceKeys.length);
        }

        static byte[] bytes(String s) {
            return s.getBytes(StandardCharsets.UTF_8);
        }

        /** Reads the whole output of the child into groups. */
        Iterator<byte[]> group() {
            LineGroups groups = LineGroups.forTask();
            long events = 0, controls = 0, errors = 0;
            boolean ended = false;
            try {
                while (pipe.hasNext()) {
                    byte[] line = pipe.next();
                    if (ended) throw bad(line, "follows the partition's trailer");
                    if (Parser.startsWithField(line, trailer)) {
                        ended = true;
                        counts.trailer(line, trailer);
                        continue;
                    }
                    if (Parser.startsWithField(line, EVENT)) events++;
                    else if (Parser.startsWithField(line, CONTROL)) controls++;
                    else if (Parser.startsWithField(line, ERROR)) errors++;
                    groups.add(new LineGroups.Key(parser.groupKey(line)), line);
                }
            } catch (java.io.IOException e) {
                throw new IllegalStateException("sitrep: spilling output lines", e);
            }
            counts.records(events, controls, errors);
            groups.noteSpills("output lines");
            return groups.lines();
        }

        public boolean hasNext() {
            if (grouped == null) grouped = group();
            return grouped.hasNext();
        }

        // The row being written (one per task, reused), with the writers of the sources' array
        // and of its structs, which write into the same buffer.
        final UnsafeRowWriter row;
        final UnsafeArrayWriter sources;
        final UnsafeRowWriter source;

        public InternalRow next() {
            if (!hasNext()) throw new NoSuchElementException();
            return parser.parse(grouped.next(), row, source, sources);
        }
    }
}
