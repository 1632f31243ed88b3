package companion.course.m2;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The engine's files as bytes, for the criteria that damage them on purpose, as a crash or a failing disk would:
 * tear the last record half-way, flip one bit. They know nothing of the engine's format: they find a record by the
 * bytes of its value (values are stored as they are in any log), and find what a write added by comparing the files
 * before and after it.
 *
 * <pre>{@code
 * Map<Path, byte[]> before = OnDisk.snapshot(dir);
 * ... put("torn", value), close ...
 * String how = OnDisk.tearAfter(dir, before, bytes(value), bytes(value));   // cut half-way through the value
 * }</pre>
 */
final class OnDisk {
    private OnDisk() {
    }

    /** Where some bytes sit: a file, and the offset in it. */
    record Place(Path file, int offset) {
    }

    /** Every regular file under {@code dir}, with its bytes, in path order. */
    static Map<Path, byte[]> snapshot(Path dir) {
        Map<Path, byte[]> files = new LinkedHashMap<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path file : walk.filter(Files::isRegularFile).sorted().toList()) {
                files.put(file, Files.readAllBytes(file));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the files in " + dir, e);
        }
        return files;
    }

    /** The first place {@code needle} occurs in the files of {@code snapshot}, or null. */
    static Place find(Map<Path, byte[]> snapshot, byte[] needle) {
        for (Map.Entry<Path, byte[]> file : snapshot.entrySet()) {
            int at = indexOf(file.getValue(), needle, 0);
            if (at >= 0) {
                return new Place(file.getKey(), at);
            }
        }
        return null;
    }

    /**
     * The bytes the files of {@code dir} hold, each counted up to its last non-zero byte: a preallocated file's
     * zero-filled end holds no data and is not counted.
     */
    static long usedBytes(Path dir) {
        long used = 0;
        for (byte[] bytes : snapshot(dir).values()) {
            used += lastNonZero(bytes) + 1;
        }
        return used;
    }

    /**
     * Tears the write that happened since {@code before}, as a crash half-way through it leaves the file: everything
     * from the middle of the range the two values span to the end of what the write changed is lost. A file that ends with the write is cut short there; a preallocated one has those bytes zeroed.
     *
     * @param first the bytes of the write's first value (the only value, for a single put)
     * @param last  the bytes of its last value
     * @return what was done, as a step of the criterion
     * @throws IllegalStateException when the values are not found in the files (the criterion reports it)
     */
    static String tearAfter(Path dir, Map<Path, byte[]> before, byte[] first, byte[] last) {
        Map<Path, byte[]> after = snapshot(dir);
        Place a = find(after, first);
        Place b = find(after, last);
        if (a == null || b == null) {
            throw new IllegalStateException("the written values' bytes are in none of the store's files");
        }
        if (!a.file().equals(b.file())) {
            throw new IllegalStateException("the written values are in two files, " + a.file().getFileName()
                    + " and " + b.file().getFileName());
        }
        Place start = a.offset() <= b.offset() ? a : b;
        byte[] now = after.get(start.file());
        int end = Math.max(a.offset() + first.length, b.offset() + last.length);
        byte[] old = before.getOrDefault(start.file(), new byte[0]);
        int changedEnd = now.length;
        while (changedEnd > end && now[changedEnd - 1] == (changedEnd <= old.length ? old[changedEnd - 1] : 0)) {
            changedEnd--; // unchanged, or zeros past the old end: not part of the write
        }
        int cut = start.offset() + (end - start.offset()) / 2;
        try (FileChannel channel = FileChannel.open(start.file(), StandardOpenOption.WRITE)) {
            String name = start.file().getFileName().toString();
            if (changedEnd == now.length) {
                channel.truncate(cut);
                channel.force(true);
                return "cut " + name + " short at byte " + cut + " of " + now.length + ", half-way through the write"
                        + " (as a crash in the middle of it leaves the file)";
            }
            channel.write(ByteBuffer.allocate(changedEnd - cut), cut);
            channel.force(true);
            return "zero bytes " + cut + " to " + changedEnd + " of " + name + ", the second half of the write"
                    + " (as a crash in the middle of it leaves a preallocated file)";
        } catch (IOException e) {
            throw new UncheckedIOException("cannot change " + start.file(), e);
        }
    }

    /** Flips the lowest bit of the byte at {@code place}. */
    static void flipBit(Place place) {
        try (FileChannel channel = FileChannel.open(place.file(), StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            ByteBuffer one = ByteBuffer.allocate(1);
            channel.read(one, place.offset());
            one.put(0, (byte) (one.get(0) ^ 1)).rewind();
            channel.write(one, place.offset());
            channel.force(true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot change " + place.file(), e);
        }
    }

    private static int lastNonZero(byte[] bytes) {
        int at = bytes.length - 1;
        while (at >= 0 && bytes[at] == 0) {
            at--;
        }
        return at;
    }

    private static int indexOf(byte[] haystack, byte[] needle, int from) {
        for (int i = Math.max(0, from); i + needle.length <= haystack.length; i++) {
            if (Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
                return i;
            }
        }
        return -1;
    }
}
