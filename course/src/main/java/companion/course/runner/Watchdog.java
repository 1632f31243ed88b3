package companion.course.runner;

import companion.course.criteria.Frames;
import java.util.Map;
import java.util.Optional;

/**
 * Ends a criterion that runs past its timeout: finds where the code under test is stuck, reports a
 * {@link Status#TIMEOUT} result through {@link Reporter}, and halts the JVM (a thread in an endless loop cannot
 * be stopped any other way). The parent restarts the child for the criteria that remain.
 */
final class Watchdog extends Thread {
    /** Reports a result exactly once per criterion, whoever gets there first: the runner or the watchdog. */
    interface Reporter {
        boolean report(CriterionResult result);

        void halt();
    }

    /** What is running now: set by the runner, read by the watchdog. */
    private record Watch(String id, int milestone, String title, long seed, Thread thread, long startNanos,
                         long timeoutNanos) {
    }

    private final Reporter reporter;
    private volatile Watch current;

    Watchdog(Reporter reporter) {
        super("companion-watchdog");
        setDaemon(true);
        this.reporter = reporter;
    }

    void watch(String id, int milestone, String title, long seed, int timeoutSeconds) {
        current = new Watch(id, milestone, title, seed, Thread.currentThread(), System.nanoTime(),
                timeoutSeconds * 1_000_000_000L);
    }

    void clear() {
        current = null;
    }

    @Override
    public void run() {
        while (true) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                return;
            }
            Watch watch = current;
            if (watch != null && System.nanoTime() - watch.startNanos() > watch.timeoutNanos()) {
                long millis = (System.nanoTime() - watch.startNanos()) / 1_000_000;
                CriterionResult result = CriterionResult.of(watch.id(), watch.milestone(), watch.title(),
                        Status.TIMEOUT, "timed out after " + watch.timeoutNanos() / 1_000_000_000L + " s"
                                + whereStuck(watch.thread()), millis, watch.seed());
                if (reporter.report(result)) {
                    reporter.halt();
                }
                return;
            }
        }
    }

    /** ", running in KVStore.get (KVStore.java:41): an endless loop?" or similar; empty when nothing is found. */
    private static String whereStuck(Thread criterionThread) {
        Map<Thread, StackTraceElement[]> stacks = Thread.getAllStackTraces();
        Optional<String> own = stuckIn(criterionThread, stacks.get(criterionThread));
        if (own.isPresent()) {
            return own.get();
        }
        // The criterion's own thread may only be waiting for workers (concurrent-access): look at every thread.
        for (Map.Entry<Thread, StackTraceElement[]> entry : stacks.entrySet()) {
            Optional<String> other = stuckIn(entry.getKey(), entry.getValue());
            if (other.isPresent()) {
                return other.get();
            }
        }
        return ": is the code under test waiting for something that never happens?";
    }

    private static Optional<String> stuckIn(Thread thread, StackTraceElement[] stack) {
        if (stack == null) {
            return Optional.empty();
        }
        return Frames.learnerFrame(stack).map(frame -> switch (thread.getState()) {
            case RUNNABLE -> ", still running in " + Frames.describe(frame) + ": an endless loop?";
            case BLOCKED, WAITING, TIMED_WAITING -> ", waiting in " + Frames.describe(frame)
                    + ": a lock that is never released, or two threads waiting for each other?";
            default -> ", in " + Frames.describe(frame);
        });
    }
}
