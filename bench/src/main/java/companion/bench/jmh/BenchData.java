package companion.bench.jmh;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Keys and values for the microbenchmarks, generated once in {@code @Setup} from a fixed seed: every run measures
 * the same data, and no measured method pays for generating it.
 */
final class BenchData {
    /** Fixed so that two runs (or two machines) put the same bytes through the store. */
    static final long SEED = 0x5EED_C0DEL;
    /** Bytes in a key; ASCII, so characters and UTF-8 bytes agree. */
    static final int KEY_BYTES = 16;
    /** Bytes in a value; ASCII, so characters and UTF-8 bytes agree. */
    static final int VALUE_BYTES = 100;

    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

    private BenchData() {
    }

    /**
     * {@code count} distinct 16-byte keys. Distinct matters: a "present" key set with duplicates would hold fewer
     * keys than it claims, and a "missing" key must truly be absent.
     */
    static String[] keys(long seed, int count) {
        SplittableRandom random = new SplittableRandom(seed);
        Set<String> seen = new HashSet<>(count * 2);
        String[] keys = new String[count];
        int made = 0;
        while (made < count) {
            String key = text(random, KEY_BYTES);
            if (seen.add(key)) {
                keys[made++] = key;
            }
        }
        return keys;
    }

    /** {@code count} 100-byte values. */
    static String[] values(long seed, int count) {
        SplittableRandom random = new SplittableRandom(seed);
        String[] values = new String[count];
        for (int i = 0; i < count; i++) {
            values[i] = text(random, VALUE_BYTES);
        }
        return values;
    }

    private static String text(SplittableRandom random, int length) {
        char[] chars = new char[length];
        for (int i = 0; i < length; i++) {
            chars[i] = ALPHABET.charAt(random.nextInt(ALPHABET.length()));
        }
        return new String(chars);
    }

    /** A fresh directory under the system temp dir, for one trial's files. */
    static Path tempDir(String prefix) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Deletes {@code dir} and everything in it; a put trial leaves a log of hundreds of MiB behind otherwise. */
    static void deleteTree(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                    if (e != null) {
                        throw e;
                    }
                    Files.delete(d);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
