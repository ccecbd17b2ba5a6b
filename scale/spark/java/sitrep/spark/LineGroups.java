// Holds one partition's TSV lines grouped by (record, month) and gives them back group by group
// in ascending order (docs/scale.md, "The row reader"): what lets the job declare that order to
// Spark, whose partitioned writer then needs no sort of the rows. A Spark memory consumer: every
// chunk of lines is memory granted by the task's memory manager, and when the manager grants no
// more (or asks for memory back), the groups are spilled to a file and read back in order. The
// chunks are pages of the task's memory manager, off the JVM's heap when Spark's off-heap memory
// is on (as the job turns it on when it starts the JVM): a partition's lines, hundreds of MB, are
// then never copied from one heap generation to the next by the garbage collector.
package sitrep.spark;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.File;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.apache.spark.memory.MemoryConsumer;
import org.apache.spark.memory.SparkOutOfMemoryError;
import org.apache.spark.memory.TaskMemoryManager;
import org.apache.spark.unsafe.Platform;
import org.apache.spark.unsafe.memory.MemoryBlock;

final class LineGroups extends MemoryConsumer {
    static final int CHUNK_MIN = 16 << 10, CHUNK_MAX = 1 << 20;

    /** A group's key: its record type, a 0 byte, its month. Byte order on these keys is the
     *  order of (record, month) as Spark compares strings (unsigned bytes, shorter first). */
    static final class Key implements Comparable<Key> {
        final byte[] bytes;
        final int hash;

        Key(byte[] bytes) {
            this.bytes = bytes;
            this.hash = Arrays.hashCode(bytes);
        }

        @Override
        public int hashCode() {
            return hash;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key && Arrays.equals(bytes, ((Key) o).bytes);
        }

        @Override
        public int compareTo(Key o) {
            return Arrays.compareUnsigned(bytes, o.bytes);
        }
    }

    /** One group's lines: in memory, chunks (memory pages) of [length (4 bytes, big-endian),
     *  bytes] records; on disk, segments of spill files in the same format. */
    static final class Group {
        final List<MemoryBlock> chunks = new ArrayList<>();
        final List<Integer> chunkEnds = new ArrayList<>(); // used length of each full chunk
        MemoryBlock current;
        int used;
        final List<long[]> segments = new ArrayList<>(); // {spill file index, offset, length}
    }

    private final Map<Key, Group> groups = new HashMap<>();
    private final List<File> spills = new ArrayList<>();
    private boolean reading;
    private long spilledBytes;

    LineGroups(TaskMemoryManager tmm) {
        super(tmm, CHUNK_MIN, tmm.getTungstenMemoryMode());
    }

    /** The groups of the running task, freed (and their spill files deleted) when it ends. */
    static LineGroups forTask() {
        org.apache.spark.TaskContext ctx = org.apache.spark.TaskContext.get();
        LineGroups groups = new LineGroups(ctx.taskMemoryManager());
        ctx.addTaskCompletionListener(new org.apache.spark.util.TaskCompletionListener() {
            @Override
            public void onTaskCompletion(org.apache.spark.TaskContext context) {
                groups.close();
            }
        });
        return groups;
    }

    /** Says on stderr how much of the partition's {@code what} went to disk, if any did. */
    void noteSpills(String what) {
        if (spilledBytes > 0) {
            System.err.printf("sitrep_spark: partition %d: %d MB of %s spilled to disk in %d files "
                + "(more memory per task avoids it)%n", org.apache.spark.TaskContext.getPartitionId(),
                spilledBytes >> 20, what, spills.size());
        }
    }

    /** Adds a line to the group of {@code key}. */
    void add(Key key, byte[] line) throws IOException {
        Group g = groups.get(key);
        if (g == null) {
            g = new Group();
            groups.put(key, g);
        }
        int need = 4 + line.length;
        if (g.current == null || g.current.size() - g.used < need) newChunk(g, need);
        Object base = g.current.getBaseObject();
        long at = g.current.getBaseOffset() + g.used;
        int n = line.length;
        Platform.putByte(base, at, (byte) (n >>> 24));
        Platform.putByte(base, at + 1, (byte) (n >>> 16));
        Platform.putByte(base, at + 2, (byte) (n >>> 8));
        Platform.putByte(base, at + 3, (byte) n);
        Platform.copyMemory(line, Platform.BYTE_ARRAY_OFFSET, base, at + 4, n);
        g.used += need;
    }

    private void newChunk(Group g, int need) throws IOException {
        int size = Math.max(need, g.current == null ? CHUNK_MIN : (int) Math.min(CHUNK_MAX, g.current.size() * 2));
        // The memory manager may spill this consumer first (spill below) to grant the page.
        MemoryBlock page = taskMemoryManager.allocatePage(size, this);
        if (page == null || page.size() < size) {
            if (page != null) taskMemoryManager.freePage(page, this);
            spill(Long.MAX_VALUE, this);
            page = taskMemoryManager.allocatePage(size, this);
            if (page == null || page.size() < size) {
                if (page != null) taskMemoryManager.freePage(page, this);
                throw new SparkOutOfMemoryError("sitrep: no memory for " + size + " bytes of output lines "
                    + "even after spilling (raise spark.executor.memory, or spark.memory.offHeap.size when "
                    + "spark.memory.offHeap.enabled, or use more partitions)", new HashMap<>());
            }
        }
        used.addAndGet(page.size());
        if (g.current != null) {
            g.chunks.add(g.current);
            g.chunkEnds.add(g.used);
        }
        g.current = page;
        g.used = 0;
    }

    /** Gives a chunk back to the memory manager. */
    private long free(MemoryBlock page) {
        long size = page.size();
        freePage(page);
        return size;
    }

    /** Writes every group's lines held in memory to a new spill file and frees their memory
     *  (Spark calls this when the task needs the memory; nothing is spilled once reading began). */
    @Override
    public long spill(long size, MemoryConsumer trigger) throws IOException {
        if (reading) return 0;
        long freed = 0;
        File file = File.createTempFile("sitrep-lines-", ".spill");
        file.deleteOnExit();
        int index = spills.size();
        spills.add(file);
        long offset = 0;
        byte[] buffer = new byte[1 << 16];
        try (DataOutputStream out = new DataOutputStream(new FileOutputStream(file))) {
            for (Group g : groups.values()) {
                long start = offset;
                for (int k = 0; k < g.chunks.size(); k++) {
                    int end = g.chunkEnds.get(k);
                    write(out, g.chunks.get(k), end, buffer);
                    offset += end;
                }
                if (g.current != null) {
                    write(out, g.current, g.used, buffer);
                    offset += g.used;
                }
                // Written: the group's pages go back (all at once, so that a failed write leaves
                // every group either spilled and freed or untouched, for close() to free).
                if (offset > start) g.segments.add(new long[] {index, start, offset - start});
                for (MemoryBlock c : g.chunks) freed += free(c);
                if (g.current != null) freed += free(g.current);
                g.chunks.clear();
                g.chunkEnds.clear();
                g.current = null;
                g.used = 0;
            }
        }
        spilledBytes += offset;
        return freed;
    }

    /** The first {@code length} bytes of a chunk, written to {@code out} through {@code buffer}. */
    private static void write(DataOutputStream out, MemoryBlock c, int length, byte[] buffer) throws IOException {
        for (int at = 0; at < length; at += buffer.length) {
            int n = Math.min(buffer.length, length - at);
            Platform.copyMemory(c.getBaseObject(), c.getBaseOffset() + at, buffer, Platform.BYTE_ARRAY_OFFSET, n);
            out.write(buffer, 0, n);
        }
    }

    /** Every line, group by group in ascending key order (spilled segments first, in the order
     *  they were written, then what is in memory: the order the lines were added). Each group's
     *  memory is freed once its lines have been handed out. */
    Iterator<byte[]> lines() {
        reading = true;
        List<Key> keys = new ArrayList<>(groups.keySet());
        keys.sort(null);
        return new Iterator<byte[]>() {
            int k = -1;
            Iterator<byte[]> inGroup = java.util.Collections.emptyIterator();

            @Override
            public boolean hasNext() {
                while (!inGroup.hasNext()) {
                    if (k >= 0) release(groups.get(keys.get(k)));
                    if (++k >= keys.size()) {
                        deleteSpills();
                        return false;
                    }
                    inGroup = groupLines(groups.get(keys.get(k)));
                }
                return true;
            }

            @Override
            public byte[] next() {
                if (!hasNext()) throw new NoSuchElementException();
                return inGroup.next();
            }
        };
    }

    /** One group's lines in the order they were added: its spilled segments, then its chunks. */
    private Iterator<byte[]> groupLines(Group g) {
        List<InputStream> parts = new ArrayList<>();
        try {
            for (long[] s : g.segments) parts.add(segment(spills.get((int) s[0]), s[1], s[2]));
        } catch (IOException e) {
            throw new IllegalStateException("sitrep: reading spilled output lines", e);
        }
        List<MemoryBlock> chunks = new ArrayList<>(g.chunks);
        List<Integer> ends = new ArrayList<>(g.chunkEnds);
        if (g.current != null) {
            chunks.add(g.current);
            ends.add(g.used);
        }
        DataInputStream spilled = parts.isEmpty() ? null
            : new DataInputStream(new java.io.SequenceInputStream(java.util.Collections.enumeration(parts)));
        return new Iterator<byte[]>() {
            int chunk, pos;
            DataInputStream in = spilled; // null once the spilled lines have all been read
            byte[] next = read();

            byte[] read() {
                if (in != null) {
                    try {
                        int n;
                        try {
                            n = in.readInt();
                        } catch (EOFException end) {
                            n = -1;
                        }
                        if (n >= 0) {
                            byte[] line = new byte[n];
                            in.readFully(line);
                            return line;
                        }
                        in.close();
                        in = null;
                    } catch (IOException e) {
                        throw new IllegalStateException("sitrep: reading spilled output lines", e);
                    }
                }
                while (chunk < chunks.size() && pos >= ends.get(chunk)) {
                    chunk++;
                    pos = 0;
                }
                if (chunk == chunks.size()) return null;
                MemoryBlock c = chunks.get(chunk);
                Object base = c.getBaseObject();
                long at = c.getBaseOffset() + pos;
                int n = (Platform.getByte(base, at) & 0xff) << 24 | (Platform.getByte(base, at + 1) & 0xff) << 16
                    | (Platform.getByte(base, at + 2) & 0xff) << 8 | (Platform.getByte(base, at + 3) & 0xff);
                byte[] line = new byte[n];
                Platform.copyMemory(base, at + 4, line, Platform.BYTE_ARRAY_OFFSET, n);
                pos += 4 + n;
                return line;
            }

            @Override
            public boolean hasNext() {
                return next != null;
            }

            @Override
            public byte[] next() {
                if (next == null) throw new NoSuchElementException();
                byte[] line = next;
                next = read();
                return line;
            }
        };
    }

    private static InputStream segment(File file, long offset, long length) throws IOException {
        FileInputStream f = new FileInputStream(file);
        f.getChannel().position(offset);
        InputStream limited = new java.io.FilterInputStream(new BufferedInputStream(f, 1 << 16)) {
            long left = length;

            @Override
            public int read() throws IOException {
                if (left <= 0) return -1;
                int b = super.read();
                if (b >= 0) left--;
                return b;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (left <= 0) return -1;
                int n = super.read(b, off, (int) Math.min(len, left));
                if (n > 0) left -= n;
                return n;
            }
        };
        return limited;
    }

    private void release(Group g) {
        for (MemoryBlock c : g.chunks) free(c);
        if (g.current != null) free(g.current);
        g.chunks.clear();
        g.chunkEnds.clear();
        g.current = null;
    }

    /** Frees what is left (a task that ends early) and deletes the spill files. */
    void close() {
        for (Group g : groups.values()) release(g);
        deleteSpills();
    }

    private void deleteSpills() {
        for (File f : spills) f.delete();
        spills.clear();
    }
}
