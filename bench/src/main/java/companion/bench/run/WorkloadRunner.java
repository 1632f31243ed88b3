package companion.bench.run;

import companion.api.Durability;
import companion.api.KeyValueStore;
import companion.bench.engine.Engine;
import companion.bench.workload.Keys;
import companion.bench.workload.Workload;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

/**
 * Runs a workload once on a fresh store: opens the engine in a new directory, prefills it if the workload says so
 * (untimed, but within the budget), times the operations, closes the store and deletes the directory.
 *
 * <p>With several threads, the operations are split into contiguous slices, one per thread, all released
 * together. A deadline is checked every {@link #CHECK_EVERY} operations, so a store that is far too slow (the
 * naive rewrite-everything design at a million keys) is stopped and reported rather than waited for.
 *
 * <p>A run either is timed for its figures or counts the store's fsyncs ({@link ForceCounter}), never both: the
 * Flight Recorder that counts them runs a thread and writes a file beside the store, which costs a group commit
 * about a tenth of its rate on this 2-CPU machine (10-18 µs more between forces, in a harness of 8 writers at
 * {@code group}). {@link BenchChild} counts them in the last warm-up run, which is not timed.
 */
public final class WorkloadRunner {
    static final int CHECK_EVERY = 64;

    private final Engine engine;
    private final Durability durability;
    private final Path scratch;

    /**
     * @param scratch the directory under which each run gets a fresh directory
     */
    public WorkloadRunner(Engine engine, Durability durability, Path scratch) {
        this.engine = engine;
        this.durability = durability;
        this.scratch = scratch;
    }

    /** Runs {@code workload} once over {@code keys} in {@code order}, with {@code threads} threads; no fsync count. */
    public Measurement runOnce(Workload workload, Keys keys, int[] order, int threads, long budgetNanos) {
        return runOnce(workload, keys, order, threads, budgetNanos, false);
    }

    /**
     * Runs {@code workload} once, as {@link #runOnce(Workload, Keys, int[], int, long)}, counting the fsyncs made
     * from Java if {@code countForces} (then its time is not a figure to report: see the class doc).
     */
    public Measurement runOnce(Workload workload, Keys keys, int[] order, int threads, long budgetNanos,
                               boolean countForces) {
        Path dir = newDirectory();
        try (KeyValueStore store = engine.open(dir, durability)) {
            if (workload.prefill()) {
                int filled = prefill(store, keys, System.nanoTime() + budgetNanos);
                if (filled < keys.size()) {
                    return new Measurement(0, null, Measurement.NOT_COUNTED, String.format("the untimed fill was"
                            + " over the %d s budget after %,d of %,d keys", budgetNanos / 1_000_000_000L, filled,
                            keys.size()), 0);
                }
            }
            try (ForceCounter forces = countForces ? new ForceCounter() : null) {
                IoCounters before = IoCounters.now();
                long start = System.nanoTime();
                long deadline = start + budgetNanos;
                AtomicLong done = new AtomicLong();
                AtomicReference<RuntimeException> failure = new AtomicReference<>();
                if (threads == 1) {
                    done.set(slice(store, workload, keys, order, 0, order.length, deadline));
                } else {
                    runThreads(store, workload, keys, order, threads, deadline, done, failure);
                }
                long nanos = System.nanoTime() - start;
                IoCounters io = IoCounters.now();
                long forced = forces != null ? forces.stop() : Measurement.NOT_COUNTED;
                if (failure.get() != null) {
                    throw failure.get();
                }
                String stopped = done.get() < order.length ? String.format("over the %d s budget after %,d of %,d"
                        + " operations", budgetNanos / 1_000_000_000L, done.get(), order.length) : null;
                return new Measurement(nanos, io == null ? null : io.minus(before), forced, stopped, done.get());
            }
        } finally {
            deleteTree(dir);
        }
    }

    /**
     * Puts keys 0..N-1 with their values, untimed; returns how many it put before {@code deadline}. A fill has a
     * budget too: an engine that needs minutes to load a million keys (H2 commits a chunk per put) is reported as
     * stopped, not waited for.
     */
    static int prefill(KeyValueStore store, Keys keys, long deadline) {
        for (int i = 0; i < keys.size(); i++) {
            if (i % CHECK_EVERY == 0 && System.nanoTime() > deadline) {
                return i;
            }
            store.put(keys.key(i), keys.value(i));
        }
        return keys.size();
    }

    private void runThreads(KeyValueStore store, Workload workload, Keys keys, int[] order, int threads,
                            long deadline, AtomicLong done, AtomicReference<RuntimeException> failure) {
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> workers = new ArrayList<>();
        int per = (order.length + threads - 1) / threads;
        for (int t = 0; t < threads; t++) {
            int from = Math.min(order.length, t * per);
            int to = Math.min(order.length, from + per);
            Thread worker = new Thread(() -> {
                try {
                    go.await();
                    done.addAndGet(slice(store, workload, keys, order, from, to, deadline));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (RuntimeException e) {
                    failure.compareAndSet(null, e);
                }
            }, "bench-worker-" + t);
            worker.start();
            workers.add(worker);
        }
        go.countDown();
        for (Thread worker : workers) {
            try {
                worker.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while the workload ran", e);
            }
        }
    }

    /** Operations {@code from..to-1} of the order; returns how many completed before the deadline. */
    private static long slice(KeyValueStore store, Workload workload, Keys keys, int[] order, int from, int to,
                              long deadline) {
        for (int j = from; j < to; j++) {
            if ((j - from) % CHECK_EVERY == 0 && System.nanoTime() > deadline) {
                return j - from;
            }
            String key = keys.key(order[j]);
            switch (workload.operation()) {
                case PUT -> store.put(key, keys.value(j));
                case GET -> {
                    if (store.get(key).isEmpty() && workload.prefill()) {
                        throw new IllegalStateException("get(" + key + ") found nothing in a prefilled store: the"
                                + " engine lost data, so its timing would mean nothing");
                    }
                }
                case DELETE -> store.delete(key);
            }
        }
        return to - from;
    }

    /** Opens the engine in {@code dir} at this runner's durability. */
    KeyValueStore open(Path dir) {
        return engine.open(dir, durability);
    }

    /** A fresh, empty directory for one run, under the scratch directory. */
    Path newDirectory() {
        try {
            Files.createDirectories(scratch);
            return Files.createTempDirectory(scratch, engine.name() + "-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make a run directory under " + scratch, e);
        }
    }

    static void deleteTree(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir, e);
        }
    }
}
