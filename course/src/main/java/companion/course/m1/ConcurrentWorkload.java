package companion.course.m1;

import companion.api.KeyValueStore;
import companion.course.criteria.CriterionFailure;
import companion.course.criteria.Frames;
import companion.course.criteria.Quote;
import companion.course.linearizability.HistoryRecorder;
import companion.course.linearizability.Operation;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The concurrent-access workload: {@link #THREADS} threads, released together, each running
 * {@link #OPERATIONS_PER_THREAD} random puts, deletes and gets on {@link #KEYS} keys through a
 * {@link HistoryRecorder}. Few keys and many threads, so that calls on one key overlap often: that is where a
 * missing lock shows. Then {@link #race} releases all threads at once to put one hot key, so that the writes that
 * decide its final value race each other: if the file's order can differ from memory's, it differs there.
 */
final class ConcurrentWorkload {
    static final int THREADS = 8;
    static final int OPERATIONS_PER_THREAD = 500;
    static final int KEYS = 16;
    /** Rounds of {@link #race}, each followed by a reopen. */
    static final int RACE_ROUNDS = 20;

    private ConcurrentWorkload() {
    }

    /** The first exception a worker saw, described, and the starter TODO it was if any (or null). */
    private record Thrown(String text, String todo) {
    }

    /** One line for a failure's "did": what ran, with its seed. */
    static String describe(long seed) {
        return THREADS + " threads ran " + String.format("%,d", THREADS * OPERATIONS_PER_THREAD)
                + " random puts, deletes and gets on " + KEYS + " keys at once (seed " + seed + ")";
    }

    /** The key names the workload uses. */
    static List<String> keys() {
        List<String> keys = new ArrayList<>();
        for (int k = 0; k < KEYS; k++) {
            keys.add("k" + k);
        }
        return keys;
    }

    /**
     * Runs the workload on {@code store} and returns the recorded history.
     *
     * @throws CriterionFailure if the store threw on any thread (the first such exception is shown)
     */
    static List<Operation> run(KeyValueStore store, long seed, String did) throws InterruptedException {
        HistoryRecorder recorder = new HistoryRecorder(store);
        CountDownLatch start = new CountDownLatch(1);
        AtomicReference<Thrown> thrown = new AtomicReference<>();
        List<Runnable> workers = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            int id = t;
            workers.add(() -> work(recorder, id, new Random(seed * 31 + id), start, thrown));
        }
        runTogether(workers, start);
        if (thrown.get() != null) {
            throw new CriterionFailure(did, "every call to return normally", thrown.get().text(), null,
                    thrown.get().todo());
        }
        return recorder.history();
    }

    /**
     * Starts {@link #THREADS} threads that each put {@code key} once, all released at the same instant, and waits
     * for them: {@code put(key, "t3-r7")} from thread 3 in round 7.
     *
     * @throws CriterionFailure if a put threw
     */
    static void race(KeyValueStore store, String key, int round, String did) throws InterruptedException {
        CountDownLatch start = new CountDownLatch(1);
        AtomicReference<Thrown> thrown = new AtomicReference<>();
        List<Runnable> racers = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            String value = "t" + t + "-r" + round;
            racers.add(() -> {
                try {
                    start.await();
                    store.put(key, value);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (RuntimeException | Error e) {
                    thrown.compareAndSet(null, new Thrown("put(" + Quote.of(key) + ", " + Quote.of(value)
                            + ") threw " + Frames.describe(e), Frames.todo(e).orElse(null)));
                }
            });
        }
        runTogether(racers, start);
        if (thrown.get() != null) {
            throw new CriterionFailure(did, "every call to return normally", thrown.get().text(), null,
                    thrown.get().todo());
        }
    }

    /**
     * Runs each task on its own daemon thread, opens {@code start} once all are started so they begin together,
     * and waits for all to finish. Daemon threads: a stuck learner thread must not keep the test JVM alive.
     */
    private static void runTogether(List<Runnable> tasks, CountDownLatch start) throws InterruptedException {
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < tasks.size(); t++) {
            Thread thread = new Thread(tasks.get(t), "criterion-thread-" + t);
            thread.setDaemon(true);
            thread.start();
            threads.add(thread);
        }
        start.countDown();
        for (Thread thread : threads) {
            thread.join();
        }
    }

    private static void work(HistoryRecorder recorder, int id, Random random, CountDownLatch start,
                             AtomicReference<Thrown> thrown) {
        String step = "";
        try {
            start.await();
            for (int i = 0; i < OPERATIONS_PER_THREAD && thrown.get() == null; i++) {
                String key = "k" + random.nextInt(KEYS);
                int dice = random.nextInt(100);
                if (dice < 45) {
                    String value = "t" + id + "-" + i;
                    step = "put(" + Quote.of(key) + ", " + Quote.of(value) + ")";
                    recorder.put(id, key, value);
                } else if (dice < 60) {
                    step = "delete(" + Quote.of(key) + ")";
                    recorder.delete(id, key);
                } else {
                    step = "get(" + Quote.of(key) + ")";
                    recorder.get(id, key);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException | Error e) {
            thrown.compareAndSet(null, new Thrown("thread " + id + ": " + step + " threw " + Frames.describe(e),
                    Frames.todo(e).orElse(null)));
        }
    }
}
