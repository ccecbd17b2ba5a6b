// Turns the lines `sitrep extract --format tsv` prints into Spark's typed rows, in the JVM and
// with no generic reader in between (docs/scale.md, "The row reader"): one pass over each line,
// each field converted straight to its Catalyst value (UTF8String, Integer, Long, Double,
// Boolean, date as days, the sources array), then the month partition column. A line that does
// not fit the schema fails the task (FAILFAST), as the CSV reader it replaces does.
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
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.catalyst.util.GenericArrayData;
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
        return new Piped(spark.internalCreateDataFrame(rows.rdd(), schema, false), counts);
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
        final String[] sourceKeys;
        final byte[][] sourceKeyBytes;
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
            sourceKeys = keys;
            sourceKeyBytes = new byte[keys.length][];
            for (int k = 0; k < keys.length; k++) sourceKeyBytes[k] = keys[k].getBytes(StandardCharsets.UTF_8);
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

        /** A line given as its UTF-8 bytes: a text field is a copy of its slice (or of its
         *  unescaped bytes), with no String per field and no encoding per field. */
        InternalRow parse(byte[] b) {
            byte[] line = b;
            Object[] values = new Object[width + 1];
            int start = 0;
            for (int i = 0; i < width; i++) {
                int end = indexOfTab(b, start);
                if (end < 0) {
                    if (i != width - 1) throw bad(line, "has " + (i + 1) + " fields, expected " + width);
                    end = b.length;
                }
                if (end > start) values[i] = value(b, start, end, i, line);
                start = end + 1;
            }
            if (start <= b.length) throw bad(line, "has more than " + width + " fields");
            if (values[0] == null) throw bad(line, "has no record type");
            Object d = values[dateIndex];
            values[width] = d == null ? undated : month((Integer) d);
            return new GenericInternalRow(values);
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

        /** Field i, the bytes [start, end) of the line (not empty). */
        Object value(byte[] b, int start, int end, int i, byte[] line) {
            switch (kinds[i]) {
                case STRING: return UTF8String.fromBytes(unescape(b, start, end, line));
                case INT: {
                    long v = parseLong(b, start, end);
                    if (v == Long.MIN_VALUE || v != (int) v) throw notNumber(b, start, end, i, line);
                    return (int) v;
                }
                case LONG: {
                    long v = parseLong(b, start, end);
                    if (v == Long.MIN_VALUE) {
                        try { // Long.MIN_VALUE itself, or not a number
                            return Long.parseLong(ascii(b, start, end));
                        } catch (NumberFormatException e) {
                            throw notNumber(b, start, end, i, line);
                        }
                    }
                    return v;
                }
                case DOUBLE: {
                    double v = parseDouble(b, start, end);
                    if (!Double.isNaN(v)) return v;
                    try {
                        return Double.parseDouble(ascii(b, start, end));
                    } catch (NumberFormatException e) {
                        throw notNumber(b, start, end, i, line);
                    }
                }
                case BOOLEAN:
                    if (is(b, start, end, TRUE)) return Boolean.TRUE;
                    if (is(b, start, end, FALSE)) return Boolean.FALSE;
                    throw bad(line, "field " + i + " is not a boolean: " + utf8(b, start, end));
                case DATE: return date(b, start, end);
                default: return sources(unescape(b, start, end, line), line);
            }
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
        GenericArrayData sources(byte[] json, byte[] line) {
            if (json.length == 2 && json[0] == '[' && json[1] == ']') return EMPTY; // most events
            Json j = new Json(json, line);
            List<Object> items = new ArrayList<>();
            j.expect('[');
            if (!j.peek(']')) {
                do {
                    Object[] f = new Object[sourceKeys.length];
                    j.expect('{');
                    if (!j.peek('}')) {
                        do {
                            byte[] key = j.string();
                            j.expect(':');
                            int k = indexOf(sourceKeyBytes, key);
                            Object v = j.value(k < 0 ? -1 : sourceKinds[k]);
                            if (k >= 0) f[k] = v;
                        } while (j.peek(','));
                        j.expect('}');
                    }
                    items.add(new GenericInternalRow(f));
                } while (j.peek(','));
                j.expect(']');
            }
            j.end();
            return new GenericArrayData(items.toArray());
        }

        static final GenericArrayData EMPTY = new GenericArrayData(new Object[0]);

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
                if (kind == Parser.STRING || kind == -1) return kind == -1 ? null : UTF8String.fromBytes(v);
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

    /** A partition's lines (UTF-8 bytes), parsed one at a time; its trailer (the last line)
     *  counted, not returned. */
    static final class Rows implements Iterator<InternalRow> {
        static final byte[] EVENT = bytes("event"), CONTROL = bytes("control"), ERROR = bytes("error");
        final Iterator<byte[]> lines;
        final Parser parser;
        final byte[] trailer;
        final Counts counts;
        long events, controls, errors;
        boolean ended;
        InternalRow next;

        Rows(Iterator<byte[]> lines, Parser parser, byte[] trailer, Counts counts) {
            this.lines = lines;
            this.parser = parser;
            this.trailer = trailer;
            this.counts = counts;
        }

        static byte[] bytes(String s) {
            return s.getBytes(StandardCharsets.UTF_8);
        }

        public boolean hasNext() {
            while (next == null && lines.hasNext()) {
                byte[] line = lines.next();
                if (ended) throw bad(line, "follows the partition's trailer");
                if (Parser.startsWithField(line, trailer)) {
                    trailer(line);
                } else {
                    next = parser.parse(line);
                    if (Parser.startsWithField(line, EVENT)) events++;
                    else if (Parser.startsWithField(line, CONTROL)) controls++;
                    else if (Parser.startsWithField(line, ERROR)) errors++;
                }
            }
            return next != null;
        }

        /** The binary's status on the trailer: counted, and (with the records' counts) added to
         *  the job's counters. */
        void trailer(byte[] line) {
            ended = true;
            int from = trailer.length + 1, to = from;
            while (to < line.length && line[to] != '\t') to++;
            long status = to > from ? Parser.parseLong(line, from, to) : Long.MIN_VALUE;
            if (status == Long.MIN_VALUE) throw bad(line, "trailer has no status");
            counts.trailers.add(1);
            if (status == 1) counts.failedInputs.add(1);
            counts.events.add(events);
            counts.controls.add(controls);
            counts.errors.add(errors);
        }

        public InternalRow next() {
            if (!hasNext()) throw new NoSuchElementException();
            InternalRow row = next;
            next = null;
            return row;
        }
    }
}
