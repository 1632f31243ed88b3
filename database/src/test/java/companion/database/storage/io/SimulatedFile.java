package companion.database.storage.io;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The contents of one file of the {@link FaultInjectingDirectory}, in two versions: what reads see ({@code current})
 * and what the disk holds ({@code durable}, as of the last force), plus the list of writes between the two.
 *
 * <pre>
 *   durable:  [#1][#2][#3]                         forced: survives any crash
 *   unforced: write(#4 @ 60)  write(#5 @ 80)       in the OS's cache: a crash keeps none, a prefix, or a torn page
 *   current:  [#1][#2][#3][#4][#5]                 what reads return
 * </pre>
 *
 * <p>Not thread-safe: the directory's monitor guards every instance.
 *
 * <p>Model, and its simplifications: a crash keeps the unforced writes in the order they were made (a prefix) or
 * all but the end of the last page written (a torn page). A real kernel may write dirty pages back in any order;
 * and a disk whose sector writes are not atomic can damage forced bytes that share a page with unforced ones,
 * which is why PostgreSQL writes full pages to its WAL. Neither is simulated.
 */
final class SimulatedFile {
    /** The page size of the simulated disk's cache. */
    static final int PAGE = 4096;

    private record Write(long offset, byte[] bytes) {
    }

    private byte[] current = new byte[0];
    private byte[] durable = new byte[0];
    private final List<Write> unforced = new ArrayList<>();
    private boolean truncatedSinceForce;

    void write(ByteBuffer source, long offset) {
        byte[] bytes = new byte[source.remaining()];
        source.get(bytes);
        current = place(current, bytes, offset, bytes.length);
        unforced.add(new Write(offset, bytes));
    }

    int read(ByteBuffer target, long position) {
        if (position >= current.length) {
            return 0;
        }
        int n = (int) Math.min(target.remaining(), current.length - position);
        target.put(current, (int) position, n);
        return n;
    }

    /**
     * Bytes {@code [position, position + size)} of what reads see, shared, not copied: writes into the range and
     * {@link #flipBit} show through, as they do through a real shared map. A write that grows the file, a truncate or
     * a crash replaces the array and leaves the view on the old bytes (where a real map would fault or vanish with
     * the process); the log maps only preallocated segments, which none of those touch while it runs.
     */
    ByteBuffer view(int position, int size) {
        return ByteBuffer.wrap(current, position, size).slice().asReadOnlyBuffer();
    }

    void force() {
        if (truncatedSinceForce) {
            durable = current.clone();
        } else {
            for (Write w : unforced) {
                durable = place(durable, w.bytes, w.offset, w.bytes.length);
            }
        }
        unforced.clear();
        truncatedSinceForce = false;
    }

    long size() {
        return current.length;
    }

    void truncate(long size) {
        current = Arrays.copyOf(current, (int) size);
        truncatedSinceForce = true;
    }

    /** Bytes written since the last force, counting each write (overlapping ones too). */
    long unforcedBytes() {
        long total = 0;
        for (Write w : unforced) {
            total += w.bytes.length;
        }
        return total;
    }

    /** A crash that keeps the first {@code keep} unforced bytes, in write order; returns how many it kept. */
    long crashKeepingPrefix(long keep) {
        long kept = 0;
        for (Write w : unforced) {
            int n = (int) Math.min(w.bytes.length, keep - kept);
            if (n <= 0) {
                break;
            }
            durable = place(durable, w.bytes, w.offset, n);
            kept += n;
        }
        restart();
        return kept;
    }

    /**
     * A crash that keeps every unforced byte except those of the last page written, from {@code keepInPage} bytes
     * into that page on. Returns the file offset from which that page's unforced bytes were lost.
     */
    long crashTearingLastPage(int keepInPage) {
        if (unforced.isEmpty()) {
            restart();
            return durable.length;
        }
        Write last = unforced.get(unforced.size() - 1);
        long lastByte = last.offset + last.bytes.length - 1;
        long tearFrom = lastByte - lastByte % PAGE + keepInPage;
        long tearTo = lastByte - lastByte % PAGE + PAGE;
        for (Write w : unforced) {
            for (int i = 0; i < w.bytes.length; i++) {
                long at = w.offset + i;
                if (at < tearFrom || at >= tearTo) {
                    durable = place(durable, w.bytes, at, i, 1);
                }
            }
        }
        restart();
        return tearFrom;
    }

    /** Flips bit {@code bit} (0 = least significant) of the byte at {@code offset}, forced or not: damage. */
    void flipBit(long offset, int bit) {
        current[(int) offset] ^= (byte) (1 << bit);
        if (offset < durable.length) {
            durable[(int) offset] ^= (byte) (1 << bit);
        }
    }

    /** A copy of what reads see. */
    byte[] bytes() {
        return current.clone();
    }

    /** After a crash the file is what the disk held. */
    private void restart() {
        current = durable.clone();
        unforced.clear();
        truncatedSinceForce = false;
    }

    private static byte[] place(byte[] into, byte[] bytes, long offset, int length) {
        return place(into, bytes, offset, 0, length);
    }

    /** {@code into} with {@code bytes[from, from + length)} copied to {@code offset}, grown if needed. */
    private static byte[] place(byte[] into, byte[] bytes, long offset, int from, int length) {
        int end = (int) offset + length;
        byte[] target = end > into.length ? Arrays.copyOf(into, end) : into;
        System.arraycopy(bytes, from, target, (int) offset, length);
        return target;
    }
}
