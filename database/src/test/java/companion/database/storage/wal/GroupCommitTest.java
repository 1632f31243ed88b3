package companion.database.storage.wal;

import static companion.database.storage.wal.LogFixture.PUT_SIZE;
import static companion.database.storage.wal.LogFixture.open;
import static companion.database.storage.wal.LogFixture.put;
import static companion.database.storage.wal.LogFixture.range;
import static companion.database.storage.wal.LogFixture.segment;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import companion.api.Durability;
import companion.api.StorageException;
import companion.database.storage.io.FaultInjectingDirectory;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Group commit, measured by counting forces on the simulated disk: concurrent writers share fsyncs, and each is
 * acknowledged only once a force covers its record. Every test runs its threads with a deadline, so a protocol that
 * deadlocks fails, with the stuck threads' stacks, instead of hanging the build.
 */
class GroupCommitTest {
    private static final int WRITERS = 8;
    private static final int PER_WRITER = 200;
    private static final LogOptions OPTIONS = LogOptions.of(Durability.GROUP).withSegmentSize(1 << 20);
    /** How long the threads of one test may run: far beyond the second or less they need. */
    private static final long TIMEOUT_SECONDS = 60;
    /** The longest {@link #holdForcesBack} holds one force: a slow disk's fsync. */
    private static final long HELD_FORCE_NANOS = TimeUnit.MILLISECONDS.toNanos(5);
    private static final String THREAD_NAME = "group-commit-test-";

    /**
     * Runs {@code task.accept(t)} for each t in [0, threads), each on its own thread, and returns once all have
     * returned. Throws what a task threw; fails, naming where each thread still running is, after
     * {@link #TIMEOUT_SECONDS}.
     */
    private static void runThreads(int threads, IntConsumer task) throws Exception {
        AtomicInteger named = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads,
                r -> new Thread(r, THREAD_NAME + named.getAndIncrement()));
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int id = t;
                done.add(pool.submit(() -> task.accept(id)));
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
            for (Future<?> f : done) {
                try {
                    f.get(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
                } catch (TimeoutException e) {
                    throw new AssertionError("threads still running after " + TIMEOUT_SECONDS + " s (a hang?):\n"
                            + stacks(), e);
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** The stacks of the threads {@link #runThreads} started that are still alive. */
    private static String stacks() {
        return Thread.getAllStackTraces().entrySet().stream()
                .filter(e -> e.getKey().getName().startsWith(THREAD_NAME))
                .map(e -> e.getKey().getName() + " " + e.getKey().getState() + "\n" + List.of(e.getValue()).stream()
                        .map(frame -> "\tat " + frame).collect(Collectors.joining("\n")))
                .collect(Collectors.joining("\n"));
    }

    /**
     * Runs {@link #WRITERS} threads of {@link #PER_WRITER} appends each; returns the acknowledged sequence numbers.
     * {@code live} counts writers that still have records to append.
     */
    private static List<Long> runWriters(WriteAheadLog log, AtomicInteger live) throws Exception {
        List<Long> acknowledged = Collections.synchronizedList(new ArrayList<>());
        runThreads(WRITERS, t -> {
            try {
                for (int i = t * PER_WRITER; i < (t + 1) * PER_WRITER; i++) {
                    acknowledged.add(log.append(put(i)).sequence());
                }
            } finally {
                live.decrementAndGet();
            }
        });
        return acknowledged;
    }

    /**
     * Holds each force on {@code disk} back until every writer still running ({@code live}) has a record waiting
     * for durability, or for {@link #HELD_FORCE_NANOS} at most: the latency of a real disk, during which the other
     * writers append and wait. A force made holding the log's lock (a roll-over's) always waits the limit out.
     */
    private static void holdForcesBack(FaultInjectingDirectory disk, WriteAheadLog log, AtomicInteger live) {
        disk.beforeEachForce(name -> {
            long deadline = System.nanoTime() + HELD_FORCE_NANOS;
            while (log.nextSequence() - 1 - log.durableSequence() < live.get() && System.nanoTime() < deadline) {
                Thread.yield();
            }
        });
    }

    @Test
    void eightWritersAreAllAcknowledgedWithFarFewerForcesThanAppends() throws Exception {
        FaultInjectingDirectory disk = new FaultInjectingDirectory();
        WriteAheadLog log = open(disk, OPTIONS).log();
        AtomicInteger live = new AtomicInteger(WRITERS);
        // A simulated force takes no time, so nothing would ever pile up behind it. Hold each force back until
        // every writer still running has a record waiting for durability: that is what a real disk's latency
        // does, and it can only happen if writers append while the leader forces, without the lock. The deadline
        // keeps a broken implementation from hanging the test; it then fails on the count instead.
        AtomicBoolean gaveUp = new AtomicBoolean();
        disk.beforeEachForce(name -> {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (!gaveUp.get() && log.nextSequence() - 1 - log.durableSequence() < live.get()) {
                if (System.nanoTime() > deadline) {
                    gaveUp.set(true); // writers cannot append during a force: stop holding forces back
                }
                Thread.yield();
            }
        });
        int forcesBefore = disk.forceCount();
        int writesBefore = disk.writeCount();
        List<Long> acknowledged = runWriters(log, live);
        int forces = disk.forceCount() - forcesBefore;
        int writes = disk.writeCount() - writesBefore;
        disk.beforeEachForce(name -> { });
        int appends = WRITERS * PER_WRITER;
        System.out.printf("group commit, forces held back: %d appends, %d forces (%.1f records per force)%n",
                appends, forces, (double) appends / forces);

        assertEachAcknowledgedOnce(appends, acknowledged);
        // A force covers only what was appended before it started, and the writers it covers cannot append again
        // until it ends: without a pause, consecutive forces split the writers into two alternating halves, at
        // most WRITERS / 2 records each. The leader gathers instead (GroupCommit, "Why gather"): it waits, briefly,
        // for as many records as the last group held, so a force covers nearly every writer. Measured on two
        // cores, idle or loaded: 6.2 to 7.9 records per force (writers finishing one by one at the end of the run
        // cost the rest); without gathering, 4.1 to 4.3. At least 4 leaves a wide margin, so it checks that forces
        // are shared, not that the leader gathers.
        assertTrue(!gaveUp.get() && forces * 4 <= appends, forces + " forces for " + appends + " appends: not shared"
                + (gaveUp.get() ? "; no writer could append while a force was in progress" : ""));
        // The records wait in the log buffer, and each group's leader writes them with one write before its force.
        assertTrue(writes <= forces, writes + " writes for " + forces + " forces: records not written by groups");
        assertAllSurviveACrash(disk, OPTIONS, appends);
    }

    @Test
    void withoutHelpEveryRecordIsStillCoveredByAForceAndNoForceIsWasted() throws Exception {
        FaultInjectingDirectory disk = new FaultInjectingDirectory();
        WriteAheadLog log = open(disk, OPTIONS).log();
        int forcesBefore = disk.forceCount();
        List<Long> acknowledged = runWriters(log, new AtomicInteger(WRITERS));
        int forces = disk.forceCount() - forcesBefore;
        int appends = WRITERS * PER_WRITER;
        System.out.printf("group commit, instant forces: %d appends, %d forces%n", appends, forces);
        assertEquals(appends, acknowledged.size());
        assertTrue(forces <= appends, "a force covers at least one record: " + forces + " for " + appends);
        assertEquals(0, disk.unforcedBytes(segment(1)), "the last acknowledged record was forced");
        log.close();
    }

    @Test
    void rollOversDuringGroupCommitAcknowledgeEveryAppendOnceAndLoseNone() throws Exception {
        // Segments of about 100 records: a writer rolls over while others wait for a group's force (the roll's
        // own force covers them) or while a leader forces (the roll waits for it).
        LogOptions small = OPTIONS.withSegmentSize(4096);
        FaultInjectingDirectory disk = new FaultInjectingDirectory();
        WriteAheadLog log = open(disk, small).log();
        AtomicInteger live = new AtomicInteger(WRITERS);
        holdForcesBack(disk, log, live);
        List<Long> acknowledged = runWriters(log, live);
        disk.beforeEachForce(name -> { });
        int appends = WRITERS * PER_WRITER;

        long segments = disk.list().stream().filter(name -> name.endsWith(".wal")).count();
        assertTrue(segments >= appends / (4096 / PUT_SIZE), "rolled over only " + (segments - 1) + " times");
        assertEachAcknowledgedOnce(appends, acknowledged);
        assertAllSurviveACrash(disk, small, appends);
    }

    @Test
    void aFailedForceReleasesEveryWaitingWriterWithAStorageException() throws Exception {
        FaultInjectingDirectory disk = new FaultInjectingDirectory();
        WriteAheadLog log = open(disk, OPTIONS).log();
        AtomicInteger live = new AtomicInteger(WRITERS);
        holdForcesBack(disk, log, live); // the failing one too: the other writers wait for it (or 5 ms pass)
        int failAfter = WRITERS * PER_WRITER / 10;
        AtomicInteger acknowledgedCount = new AtomicInteger();
        List<Long> acknowledged = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger refused = new AtomicInteger();
        runThreads(WRITERS, t -> {
            try {
                for (int i = t * PER_WRITER; i < (t + 1) * PER_WRITER; i++) {
                    acknowledged.add(log.append(put(i)).sequence());
                    if (acknowledgedCount.incrementAndGet() == failAfter) {
                        disk.failNextForce();
                    }
                }
            } catch (StorageException e) {
                refused.incrementAndGet(); // any other exception fails the test through runThreads
            } finally {
                live.decrementAndGet();
            }
        });
        disk.beforeEachForce(name -> { });

        assertEquals(WRITERS, refused.get(), "every writer, waiting or not, is refused once the force fails");
        assertTrue(acknowledged.size() >= failAfter, acknowledged.size() + " acknowledged before the failure");
        assertThrows(StorageException.class, () -> log.append(put(WRITERS * PER_WRITER)), "append after the failure");
        assertThrows(StorageException.class, log::sync, "sync after the failure");
        disk.crash();
        LogFixture.Opened reopened = open(disk, OPTIONS);
        List<Long> lost = new ArrayList<>(acknowledged);
        lost.removeAll(reopened.sequences());
        assertEquals(List.of(), lost, "acknowledged records missing after a crash");
        reopened.log().close();
    }

    @Test
    void aLoneWriterForcesOncePerAppend() throws Exception {
        // Its group is itself: it never waits for writers that are not there, and no force covers two records.
        FaultInjectingDirectory disk = new FaultInjectingDirectory();
        WriteAheadLog log = open(disk, OPTIONS).log();
        int forcesBefore = disk.forceCount();
        runThreads(1, t -> {
            for (int i = 0; i < PER_WRITER; i++) {
                long sequence = log.append(put(i)).sequence();
                assertEquals(i + 1, sequence);
                assertTrue(log.durableSequence() >= sequence, "acknowledged before durable: " + sequence);
            }
        });
        assertEquals(PER_WRITER, disk.forceCount() - forcesBefore, "forces for " + PER_WRITER + " appends");
        log.close();
    }

    @Test
    void syncFromAnotherThreadMakesEveryEarlierAppendDurable() throws Exception {
        FaultInjectingDirectory disk = new FaultInjectingDirectory();
        WriteAheadLog log = open(disk, OPTIONS).log();
        AtomicInteger live = new AtomicInteger(WRITERS);
        holdForcesBack(disk, log, live); // so that records wait for a force while sync() runs
        List<Long> acknowledged = Collections.synchronizedList(new ArrayList<>());
        List<String> notDurable = Collections.synchronizedList(new ArrayList<>()); // the first few
        AtomicInteger syncs = new AtomicInteger();
        AtomicInteger covering = new AtomicInteger(); // syncs that found records not yet durable
        runThreads(WRITERS + 1, t -> {
            if (t == 0) { // started first, so it syncs while the writers append
                while (live.get() > 0) {
                    long appended = log.nextSequence() - 1;
                    if (log.durableSequence() < appended) {
                        covering.incrementAndGet();
                    }
                    log.sync();
                    long durable = log.durableSequence();
                    if (durable < appended && notDurable.size() < 3) {
                        notDurable.add("sync() returned with " + durable + " durable of " + appended);
                    }
                    syncs.incrementAndGet();
                }
                return;
            }
            try {
                for (int i = (t - 1) * PER_WRITER; i < t * PER_WRITER; i++) {
                    acknowledged.add(log.append(put(i)).sequence());
                }
            } finally {
                live.decrementAndGet();
            }
        });
        disk.beforeEachForce(name -> { });
        System.out.printf("group commit: %d syncs during %d appends, %d of them with records to cover%n",
                syncs.get(), WRITERS * PER_WRITER, covering.get());

        assertEquals(List.of(), notDurable);
        assertTrue(covering.get() > 0, syncs.get() + " syncs, none while records waited for a force");
        assertEachAcknowledgedOnce(WRITERS * PER_WRITER, acknowledged);
        log.close();
    }

    /** Records 1 to {@code appends} were each acknowledged exactly once. */
    private static void assertEachAcknowledgedOnce(int appends, List<Long> acknowledged) {
        List<Long> sorted = new ArrayList<>(acknowledged);
        Collections.sort(sorted);
        assertEquals(range(1, appends), sorted, "every append acknowledged, each exactly once");
    }

    /** After a simulated power cut, reopening finds records 1 to {@code appends}, all acknowledged. */
    private static void assertAllSurviveACrash(FaultInjectingDirectory disk, LogOptions options, int appends) {
        disk.crash();
        LogFixture.Opened reopened = open(disk, options);
        assertEquals(range(1, appends), reopened.sequences(), "every acknowledged record survives a crash");
        reopened.log().close();
    }
}
