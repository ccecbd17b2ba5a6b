// Pipes one partition through a command as bytes (docs/scale.md, "The pipe"): what Spark's
// RDD.pipe does, without its two text conversions. Each element (a Hadoop Text line of the input
// file, or a String) is written to the child's stdin as UTF-8 bytes plus a line feed by a writer
// thread; the child's stdout is split at line feeds into byte arrays, read by the task's thread
// (or, for `--format spark-rows`, into its frames: a 4-byte little-endian length and that many
// bytes, or the length -1 or -2 and a text line: the trailer or the rows' header).
// As RDD.pipe with checkCode: a child that exits non-zero, or dies before reading all its input,
// fails the task; the child's stderr goes to the executor's stderr; the child is killed when the
// task ends early.
package sitrep.spark;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapred.TextInputFormat;
import org.apache.spark.TaskContext;
import org.apache.spark.TaskContext$;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.util.TaskCompletionListener;

public final class BytePipe implements Iterator<byte[]> {
    /**
     * The lines of text files as Hadoop Text, split into partitions exactly as
     * {@code sc.textFile(path, minPartitions)} splits them, but not decoded into Strings: the
     * pipe writes their bytes as they are.
     */
    public static JavaRDD<Text> textLines(JavaSparkContext jsc, String path, int minPartitions) {
        return jsc.hadoopFile(path, TextInputFormat.class, LongWritable.class, Text.class, minPartitions).values();
    }

    private final Process proc;
    private final String commandLine;
    private final InputStream out;
    private final Thread writer;
    private volatile Throwable writeError;
    private byte[] buf = new byte[1 << 16];
    private int pos, lim;
    private boolean eof, done;
    private byte[] next;
    private final boolean frames;
    private int nextKind, kind;
    /** What {@link #next} returned, in frames mode: a frame's bytes, or a text line after -1 or -2. */
    static final int FRAME = 0, TRAILER = -1, HEADER = -2;
    /** The largest frame accepted (Spark's rows have 32-bit sizes; an article is at most a few MB). */
    static final int MAX_FRAME = 1 << 30;

    /** Starts the command on this task's elements; its output is read as lines. */
    public BytePipe(Iterator<?> input, List<String> command, Map<String, String> env) throws IOException {
        this(input, command, env, false);
    }

    /** Starts the command on this task's elements; its output is read as lines, or as frames. */
    public BytePipe(Iterator<?> input, List<String> command, Map<String, String> env, boolean frames)
            throws IOException {
        this.frames = frames;
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().putAll(env);
        pb.redirectError(ProcessBuilder.Redirect.INHERIT);
        proc = pb.start();
        commandLine = String.join(" ", command);
        out = proc.getInputStream();
        TaskContext ctx = TaskContext.get();
        if (ctx != null) {
            ctx.addTaskCompletionListener(new TaskCompletionListener() {
                @Override
                public void onTaskCompletion(TaskContext context) {
                    if (proc.isAlive()) proc.destroy();
                }
            });
        }
        writer = new Thread("stdin writer for " + commandLine) {
            @Override
            public void run() {
                // The input iterator (a Hadoop reader) expects its task's context.
                if (ctx != null) TaskContext$.MODULE$.setTaskContext(ctx);
                try (OutputStream in = new BufferedOutputStream(proc.getOutputStream(), 1 << 16)) {
                    while (input.hasNext()) {
                        Object o = input.next();
                        if (o instanceof Text) {
                            Text t = (Text) o;
                            in.write(t.getBytes(), 0, t.getLength());
                        } else {
                            in.write(String.valueOf(o).getBytes(StandardCharsets.UTF_8));
                        }
                        in.write('\n');
                    }
                } catch (Throwable t) {
                    writeError = t;
                }
            }
        };
        writer.setDaemon(true);
        writer.start();
    }

    @Override
    public boolean hasNext() {
        if (next != null) return true;
        if (done) return false;
        try {
            next = frames ? readFrame() : readLine();
        } catch (IOException e) {
            throw new IllegalStateException("reading the output of " + commandLine, e);
        }
        if (next != null) return true;
        done = true;
        finish();
        return false;
    }

    @Override
    public byte[] next() {
        if (!hasNext()) throw new NoSuchElementException();
        byte[] line = next;
        next = null;
        kind = nextKind;
        return line;
    }

    /** In frames mode, what the last element {@link #next} returned was: FRAME, TRAILER or HEADER. */
    int kind() {
        return kind;
    }

    /** Makes {@code n} bytes available at buf[pos..]; false at the end of the output before any. */
    private boolean fill(int n) throws IOException {
        while (lim - pos < n) {
            if (eof) {
                if (pos == lim) return false;
                throw new IllegalStateException("the output of " + commandLine + " ends inside a row ("
                    + (lim - pos) + " of " + n + " bytes)");
            }
            int have = lim - pos;
            if (pos > 0) {
                System.arraycopy(buf, pos, buf, 0, have);
                pos = 0;
                lim = have;
            }
            if (n > buf.length) buf = Arrays.copyOf(buf, Math.max(n, buf.length * 2));
            int r = out.read(buf, lim, buf.length - lim);
            if (r < 0) eof = true;
            else lim += r;
        }
        return true;
    }

    /** The next frame's bytes (or the text line after a -1 or -2), or null at the end. */
    private byte[] readFrame() throws IOException {
        if (!fill(4)) return null;
        int n = (buf[pos] & 0xff) | (buf[pos + 1] & 0xff) << 8 | (buf[pos + 2] & 0xff) << 16 | (buf[pos + 3] & 0xff) << 24;
        pos += 4;
        if (n == TRAILER || n == HEADER) {
            nextKind = n;
            byte[] line = readLine();
            if (line == null) throw new IllegalStateException("the output of " + commandLine + " ends after a marker");
            return line;
        }
        if (n < 0 || n > MAX_FRAME) {
            throw new IllegalStateException("the output of " + commandLine + " is not framed rows (a frame of "
                + (n & 0xffffffffL) + " bytes); is the binary a sitrep with --format spark-rows?");
        }
        if (!fill(n) && n > 0) throw new IllegalStateException("the output of " + commandLine + " ends inside a row");
        nextKind = FRAME;
        byte[] frame = Arrays.copyOfRange(buf, pos, pos + n);
        pos += n;
        return frame;
    }

    /** The next line without its line feed (and without a carriage return before it), or null
     *  at the end of the output. */
    private byte[] readLine() throws IOException {
        int scan = pos;
        while (true) {
            for (int i = scan; i < lim; i++) {
                if (buf[i] == '\n') {
                    int end = i > pos && buf[i - 1] == '\r' ? i - 1 : i;
                    byte[] line = Arrays.copyOfRange(buf, pos, end);
                    pos = i + 1;
                    return line;
                }
            }
            if (eof) {
                if (pos == lim) return null;
                byte[] line = Arrays.copyOfRange(buf, pos, lim); // a last line without a line feed
                pos = lim;
                return line;
            }
            // Keep the partial line, make room, read more.
            int have = lim - pos;
            if (pos > 0) {
                System.arraycopy(buf, pos, buf, 0, have);
                pos = 0;
                lim = have;
            }
            if (lim == buf.length) buf = Arrays.copyOf(buf, buf.length * 2);
            scan = lim;
            int n = out.read(buf, lim, buf.length - lim);
            if (n < 0) eof = true;
            else lim += n;
        }
    }

    /** The end of the output: the child's status and the writer's outcome decide the task's. */
    private void finish() {
        int status;
        try {
            status = proc.waitFor();
            writer.join();
        } catch (InterruptedException e) {
            proc.destroy();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted waiting for " + commandLine, e);
        }
        if (status != 0) {
            throw new IllegalStateException("Subprocess exited with status " + status + ". Command ran: " + commandLine);
        }
        if (writeError != null) {
            throw new IllegalStateException("writing the input of " + commandLine + " failed", writeError);
        }
    }
}
