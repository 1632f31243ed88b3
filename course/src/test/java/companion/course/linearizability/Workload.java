package companion.course.linearizability;

import companion.api.KeyValueStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs operations from several real threads against a store, through a {@link HistoryRecorder}: the shape of the
 * {@code concurrent-access} criterion. All threads are released at once by a barrier so that they really overlap.
 */
final class Workload {

    /** What one worker thread does with the shared recorder. */
    @FunctionalInterface
    interface ThreadBody {
        void run(int threadId, HistoryRecorder recorder) throws Exception;
    }

    private Workload() {
    }

    /**
     * Random calls: half GETs, 40% PUTs, 10% DELETEs on keys {@code k0..k(keys-1)}. Each PUT writes a value unique
     * to its thread and position, so a stale read names exactly the write it saw.
     *
     * @param seed makes each thread's sequence of calls repeatable; the interleaving is up to the scheduler
     */
    static List<Operation> random(KeyValueStore store, int threads, int opsPerThread, int keys, long seed) {
        return concurrently(store, threads, (threadId, recorder) -> {
            Random random = new Random(seed * 31 + threadId);
            for (int i = 0; i < opsPerThread; i++) {
                String key = "k" + random.nextInt(keys);
                int dice = random.nextInt(10);
                if (dice < 5) {
                    recorder.get(threadId, key);
                } else if (dice < 9) {
                    recorder.put(threadId, key, "t" + threadId + "-" + i);
                } else {
                    recorder.delete(threadId, key);
                }
            }
        });
    }

    /** Runs {@code body} on {@code threads} new threads at once, waits for all, and returns the recorded history. */
    static List<Operation> concurrently(KeyValueStore store, int threads, ThreadBody body) {
        HistoryRecorder recorder = new HistoryRecorder(store);
        CyclicBarrier start = new CyclicBarrier(threads);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int threadId = t;
            Thread worker = new Thread(() -> {
                try {
                    start.await();
                    body.run(threadId, recorder);
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                }
            }, "workload-" + t);
            workers.add(worker);
            worker.start();
        }
        for (Thread worker : workers) {
            try {
                worker.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + worker.getName(), e);
            }
        }
        if (failure.get() != null) {
            throw new IllegalStateException("a workload thread failed", failure.get());
        }
        return recorder.history();
    }
}
