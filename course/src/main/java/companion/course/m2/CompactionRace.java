package companion.course.m2;

import static companion.course.m2.EngineSession.bytes;

import companion.api.StorageEngine;
import companion.course.criteria.Frames;
import companion.course.criteria.Quote;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReference;

/**
 * reads-during-compaction: readers and a writer run while compactions run back to back, and every read is checked
 * against what was acknowledged around it.
 *
 * <p>The writer overwrites key {@code k} with {@code "k#v"}, v counting up. Before each put it raises
 * {@code started[k]} to v, after it {@code acked[k]}. A read of {@code k} notes {@code acked[k]} before calling get
 * and {@code started[k]} after: any version in between is correct (a put in flight may or may not be seen); an empty
 * answer, an older version or a wrong value is not. Every key exists before compaction starts, so none may ever read
 * as missing.
 */
final class CompactionRace {
    /** Compactions to run while the readers and the writer work. */
    static final int COMPACTIONS = 6;
    /** Spend at least this long racing, even when compactions are fast. */
    static final long MIN_RACE_MILLIS = 1_500;

    private final EngineSession session;
    private final StorageEngine engine;
    private final int keys;
    private final int readers;
    private final AtomicLongArray started;
    private final AtomicLongArray acked;
    private final AtomicBoolean stop = new AtomicBoolean();
    private final AtomicReference<String> problem = new AtomicReference<>();

    CompactionRace(EngineSession session, int keys, int readers) {
        this.session = session;
        this.engine = session.engine();
        this.keys = keys;
        this.readers = readers;
        this.started = new AtomicLongArray(keys);
        this.acked = new AtomicLongArray(keys);
    }

    /** Fills the keys, races, and fails the criterion with the first wrong read. */
    void run() throws InterruptedException {
        session.step("put " + keys + " keys (\"key-000\" = \"key-000#0\", ...)", () -> {
            for (int k = 0; k < keys; k++) {
                engine.put(bytes(StorageEngineCriteria.key(k)), bytes(value(k, 0)));
            }
        });
        session.record("start " + readers + " threads that get random keys and 1 that overwrites them with"
                + " \"KEY#1\", \"KEY#2\", ..., then call compact() " + COMPACTIONS + " times meanwhile");
        Thread[] threads = new Thread[readers + 1];
        threads[0] = new Thread(this::write, "writer");
        for (int r = 1; r <= readers; r++) {
            long seed = r;
            threads[r] = new Thread(() -> read(seed), "reader-" + r);
        }
        for (Thread thread : threads) {
            thread.setDaemon(true);
            thread.start();
        }
        long deadline = System.currentTimeMillis() + MIN_RACE_MILLIS;
        try {
            for (int c = 0; (c < COMPACTIONS || System.currentTimeMillis() < deadline) && problem.get() == null; c++) {
                session.compact();
            }
        } finally {
            stop.set(true);
            for (Thread thread : threads) {
                thread.join(10_000);
            }
        }
        if (problem.get() != null) {
            throw session.failure("every get to return the key's value at that moment: never empty, never older"
                            + " than a put that had returned", problem.get(),
                    "while compaction moves a key's record, a reader must find it at the old place or the new one:"
                            + " switch the index entry only after the copy is written, and keep the old file readable"
                            + " until no reader can still be using it (or look again when it is gone)");
        }
    }

    private void write() {
        SplittableRandom random = new SplittableRandom(0);
        for (long version = 1; !stop.get(); version++) {
            int k = random.nextInt(keys);
            started.accumulateAndGet(k, version, Math::max);
            try {
                engine.put(bytes(StorageEngineCriteria.key(k)), bytes(value(k, version)));
            } catch (RuntimeException | Error e) {
                report("put(" + Quote.of(StorageEngineCriteria.key(k)) + ", …) during compaction threw "
                        + Frames.describe(e));
                return;
            }
            acked.accumulateAndGet(k, version, Math::max);
        }
    }

    private void read(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        while (!stop.get()) {
            int k = random.nextInt(keys);
            String key = StorageEngineCriteria.key(k);
            long low = acked.get(k);
            Optional<byte[]> got;
            try {
                got = engine.get(bytes(key));
            } catch (RuntimeException | Error e) {
                report("get(" + Quote.of(key) + ") during compaction threw " + Frames.describe(e));
                return;
            }
            long high = started.get(k);
            if (got == null || got.isEmpty()) {
                report("get(" + Quote.of(key) + ") during compaction returned " + (got == null ? "null" : "empty")
                        + " (versions " + low + " to " + high + " were possible)");
                return;
            }
            String text = new String(got.get(), StandardCharsets.UTF_8);
            long version = versionOf(k, text);
            if (version < low || version > high) {
                report("get(" + Quote.of(key) + ") during compaction returned " + Quote.of(EngineSession.shown(text))
                        + ", but version " + low + (high > low ? " to " + high : "") + " was the latest");
                return;
            }
        }
    }

    private void report(String what) {
        problem.compareAndSet(null, what);
        stop.set(true);
    }

    private static String value(int k, long version) {
        return StorageEngineCriteria.key(k) + "#" + version;
    }

    /** The version in {@code text} if it is a value of key {@code k}, else -1. */
    private static long versionOf(int k, String text) {
        String prefix = StorageEngineCriteria.key(k) + "#";
        if (!text.startsWith(prefix)) {
            return -1;
        }
        try {
            return Long.parseLong(text.substring(prefix.length()));
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
