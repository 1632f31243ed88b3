package companion.bench.run;

import companion.api.KeyValueStore;
import companion.bench.engine.Compactable;
import companion.bench.workload.Keys;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * The space workload ({@code m2-space}) on one fresh store:
 *
 * <ol>
 *   <li>fill keys 0..N-1 (as every prefilled workload does);
 *   <li>overwrite the first {@link #OVERWRITTEN_PERCENT}% of the keys in the visit order with new values, and
 *       delete the rest, so that dead records outnumber live ones about 2 to 1;
 *   <li>ask the engine to compact ({@link Compactable}), timing only that call;
 *   <li>add up the sizes of every file in the store's directory, with the store still open;
 *   <li>read a sample of keys back: a store that lost data while compacting has no space figure worth showing.
 * </ol>
 *
 * Steps 1 and 2 share the run's time budget; an engine too slow to load the data is reported as stopped. Live
 * bytes are counted from the workload's own model of what it wrote, the same for every engine.
 */
final class SpaceRun {
    /** Share of the keys overwritten; the others are deleted. */
    static final int OVERWRITTEN_PERCENT = 90;
    /** Live keys read back after compaction (every k-th), and deleted keys checked to be gone. */
    private static final int SAMPLE = 1000;

    /** What one space run measured: the compaction's time as a {@link Measurement}, and the bytes. */
    record Outcome(Measurement measurement, SpaceUse space) {
    }

    private SpaceRun() {
    }

    static Outcome run(WorkloadRunner runner, Keys keys, int[] order, long budgetNanos) {
        Path dir = runner.newDirectory();
        try (KeyValueStore store = runner.open(dir)) {
            long deadline = System.nanoTime() + budgetNanos;
            int n = keys.size();
            int overwritten = (int) ((long) n * OVERWRITTEN_PERCENT / 100);
            int filled = WorkloadRunner.prefill(store, keys, deadline);
            long written = (long) filled + (filled < n ? 0 : change(store, keys, order, overwritten, deadline));
            if (written < 2L * n) {
                String stopped = String.format("filling and overwriting (untimed) were over the %d s budget after"
                        + " %,d of %,d writes", budgetNanos / 1_000_000_000L, written, 2L * n);
                return new Outcome(new Measurement(0, null, Measurement.NOT_COUNTED, stopped, 0), null);
            }
            long live = 0;
            for (int j = 0; j < overwritten; j++) {
                live += utf8(keys.key(order[j])) + utf8(keys.value(n + j));
            }
            String compaction = SpaceUse.NOT_AVAILABLE;
            long nanos = 0;
            if (store instanceof Compactable c && c.compaction().isPresent()) {
                compaction = c.compaction().get();
                long start = System.nanoTime();
                c.compact();
                nanos = System.nanoTime() - start;
            }
            long[] files = fileBytes(dir);
            verify(store, keys, order, overwritten);
            SpaceUse space = new SpaceUse(files[0], live, (int) files[1], overwritten, written, compaction,
                    nanos / 1e6);
            return new Outcome(new Measurement(nanos, null, Measurement.NOT_COUNTED, null, n), space);
        } finally {
            WorkloadRunner.deleteTree(dir);
        }
    }

    /** Overwrites order[0..overwritten-1], deletes the rest; returns how many it did before {@code deadline}. */
    private static int change(KeyValueStore store, Keys keys, int[] order, int overwritten, long deadline) {
        int n = keys.size();
        for (int j = 0; j < n; j++) {
            if (j % WorkloadRunner.CHECK_EVERY == 0 && System.nanoTime() > deadline) {
                return j;
            }
            if (j < overwritten) {
                store.put(keys.key(order[j]), keys.value(n + j));
            } else {
                store.delete(keys.key(order[j]));
            }
        }
        return n;
    }

    /**
     * {total bytes, file count} of the regular files under {@code dir}. A file that vanishes while it is counted
     * (an engine deleting an old segment or table in the background) counts as gone.
     */
    static long[] fileBytes(Path dir) {
        long[] total = new long[2];
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.forEach(p -> {
                try {
                    if (Files.isRegularFile(p)) {
                        total[0] += Files.size(p);
                        total[1]++;
                    }
                } catch (NoSuchFileException gone) {
                    // deleted between listing and sizing: not part of the store any more
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot size " + p, e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
        return total;
    }

    /** Every k-th overwritten key reads its new value and every k-th deleted key is gone. */
    private static void verify(KeyValueStore store, Keys keys, int[] order, int overwritten) {
        int n = keys.size();
        int step = Math.max(1, n / SAMPLE);
        for (int j = 0; j < n; j += step) {
            String key = keys.key(order[j]);
            String expected = j < overwritten ? keys.value(n + j) : null;
            String got = store.get(key).orElse(null);
            if (expected == null ? got != null : !expected.equals(got)) {
                throw new IllegalStateException("after compaction get(" + key + ") returned "
                        + (got == null ? "nothing" : "a wrong value") + " where " + (expected == null
                        ? "the key was deleted" : "its last put was expected") + ": the engine lost or resurrected"
                        + " data, so its space figure would mean nothing");
            }
        }
    }

    private static int utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }
}
