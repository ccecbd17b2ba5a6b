// Hadoop's local file system (`file:`) with permissions set through Java's NIO (docs/scale.md,
// "Running it"): without Hadoop's native library, its RawLocalFileSystem starts a `chmod`
// process for every file and directory it creates (Parquet files, their checksum files, the
// commit's folders: about 1,200 over 200,000 articles), each one waited for by the writing task.
// Everything else is Hadoop's own; a permission NIO cannot express (sticky bit) goes to Hadoop's.
package sitrep.spark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.fs.permission.FsPermission;

public final class LocalFs extends LocalFileSystem {
    public LocalFs() {
        super(new Raw());
    }

    /** The raw local file system, setting permissions in-process. */
    public static final class Raw extends RawLocalFileSystem {
        private static final PosixFilePermission[] BITS = {
            PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_READ,
            PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_READ,
            PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_READ,
        };

        @Override
        public void setPermission(Path p, FsPermission permission) throws IOException {
            short mode = permission.toShort();
            if ((mode & ~0777) != 0) {
                super.setPermission(p, permission);
                return;
            }
            Set<PosixFilePermission> set = EnumSet.noneOf(PosixFilePermission.class);
            for (int b = 0; b < BITS.length; b++) if ((mode & (1 << b)) != 0) set.add(BITS[b]);
            try {
                Files.setPosixFilePermissions(pathToFile(p).toPath(), set);
            } catch (UnsupportedOperationException e) {
                super.setPermission(p, permission);
            }
        }
    }
}
