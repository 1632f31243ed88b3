package companion.bench.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * This process's I/O counters from Linux's {@code /proc/self/io}: deterministic counts to set beside noisy
 * wall times. Every engine runs in its own JVM, so the counters are that engine's (plus a little of the JVM's).
 *
 * @param writeCalls     write-family system calls ({@code syscw})
 * @param bytesWritten   bytes passed to those calls ({@code wchar}), whether or not they reached the disk
 * @param diskBytes      the kernel's {@code write_bytes}: bytes of page cache this process dirtied, to be written to
 *                       the device; mmap writes (LMDB) count here, not in {@code bytesWritten}. The kernel counts a
 *                       whole folio each time one is dirtied, so where the file system caches in large folios
 *                       (ext4 on Linux 6.18 here) a 141-byte write after an fdatasync counts up to 1 MiB: an upper
 *                       bound, not the bytes that reached the disk
 */
public record IoCounters(long writeCalls, long bytesWritten, long diskBytes) {
    private static final Path PROC = Path.of("/proc/self/io");

    /** The counters now, or null where the OS does not provide them (not Linux, or /proc hidden). */
    public static IoCounters now() {
        try {
            List<String> lines = Files.readAllLines(PROC);
            return new IoCounters(field(lines, "syscw"), field(lines, "wchar"), field(lines, "write_bytes"));
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static long field(List<String> lines, String name) {
        for (String line : lines) {
            if (line.startsWith(name + ":")) {
                return Long.parseLong(line.substring(name.length() + 1).trim());
            }
        }
        throw new IllegalStateException("no " + name + " in " + PROC);
    }

    /** {@code this - earlier}, or null if either is missing. */
    public IoCounters minus(IoCounters earlier) {
        return earlier == null ? null : new IoCounters(writeCalls - earlier.writeCalls,
                bytesWritten - earlier.bytesWritten, diskBytes - earlier.diskBytes);
    }
}
