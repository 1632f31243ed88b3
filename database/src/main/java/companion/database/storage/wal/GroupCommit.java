package companion.database.storage.wal;

import companion.api.StorageException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Group commit: many writers, each waiting for its own record to be durable, share one fsync. The
 * {@link WriteAheadLog} appends a record under its lock, releases the lock, and calls {@link #await} with the
 * record's sequence number.
 *
 * <pre>{@code
 * lock.lock();  LogPosition at = write(record);  lock.unlock();
 * commits.await(at.sequence());   // returns once a force covers the record; may lead that force itself
 * }</pre>
 *
 * <h2>The protocol</h2>
 * A writer whose record is not durable yet <b>leads</b> a force (writing the records still in the
 * {@link LogBuffer} first), <b>gathers</b> a group, or <b>waits</b>:
 * <ul>
 *   <li>A leader notes the last record appended so far (its own, and every other writer's), releases the lock,
 *       writes the group's buffered records and forces the segment once, and publishes that record's sequence
 *       number as {@link #durableSequence}: one fsync acknowledges the whole group. Only one force runs at a
 *       time.
 *   <li>If no force runs but fewer records wait than the group expected (below), the writer <b>gathers</b>: it
 *       parks until the group is complete or {@link #MAX_GATHER_NANOS} pass. The writer whose record completes the
 *       group leads it at once: it is running already, so no thread has to be woken before the disk starts.
 *   <li>Otherwise it parks until a force covers it (or until a leader releases it to gather the next group).
 * </ul>
 * When a force ends, the leader releases one writer it did not cover, to gather the next group, then wakes every
 * writer it covered.
 *
 * <h2>Why gather</h2>
 * A force covers only the records appended before it starts. Without a pause, the writers woken by one force append
 * during the next and are covered by the one after: n writers split into two alternating halves, n / 2 records per
 * fsync. The group a leader expects is the writers the last force covered (they will be back) plus those that
 * appended during it; waiting for them costs the disk the time it takes the woken writers to append again, and
 * doubles what each fsync covers. A lone writer never waits: its group is itself. PostgreSQL's
 * {@code commit_delay} is the timed version of the idea; RocksDB's write groups gather the writers already queued.
 *
 * <h2>Waiting: park (perhaps after yielding), and never on a {@link Condition}</h2>
 * A thread woken from {@code Condition.await} must take the lock again before it can return. If a force covers
 * seven writers, they queue for the lock, and each, on releasing it, wakes the next: seven wake-ups in a row while
 * the disk waits. Here a covered writer reads {@link #durableSequence} (a volatile field) and returns.
 *
 * <p>Even one wake-up per writer is costly on a small machine: waking a parked thread is a system call for the
 * waker and a trip through the scheduler for the woken, some microseconds each, and after a force all of them
 * happen at once, while the next group cannot form until the woken writers have run. A waiter can therefore first
 * <b>yield</b> the CPU in a loop ({@link Thread#yield}: any runnable thread goes first) for up to
 * {@link LogOptions#groupYieldNanos()}, checking whether it is covered, and park only then: CPU spent to skip the
 * wake-up. Yielding that keeps failing (the wait outlasts it) is skipped for a while ({@link #yieldCredit}).
 * RocksDB's write thread does the same ({@code enable_write_thread_adaptive_yield}). It is off by default: it paid
 * (8 writers from about 38,000 to 46,000 puts per second here) while each writer wrote its own record under the
 * log's lock, but once records went through the {@link LogBuffer} it cost more than it saved, because on this
 * virtual machine busy CPUs slow every fsync (see {@link LogOptions#DEFAULT_GROUP_YIELD_NANOS}).
 *
 * <p>Simplifications against real systems: PostgreSQL lets many writers copy into its WAL buffers at once (WAL
 * insertion locks) and has a background writer; we copy each record under the log's one lock, and the leader of a
 * group writes the buffer.
 *
 * <h2>Failure</h2>
 * A failed force stops the log ({@link Log#fail}); every parked writer is released, finds the log stopped, and
 * throws. No writer returns unless a force that covered its record succeeded.
 *
 * <p>Thread-safe: every field but {@link #durableSequence} is guarded by the log's lock.
 */
final class GroupCommit {
    /** The longest a gathering writer waits for its group before it leads what it has. */
    static final long MAX_GATHER_NANOS = 100_000;

    /**
     * What group commit needs from its log, each called with the log's lock held.
     *
     * @param checkWritable throws if the log is closed or stopped by an I/O error
     * @param lastAppended  the sequence number of the last record appended so far
     * @param takeUnwritten the records appended but not yet written (at {@code group}, in the {@link LogBuffer}),
     *                      with the file they and the records not yet durable are in: what a leader writes and
     *                      forces without the lock
     * @param giveBack      takes back what {@code takeUnwritten} handed out, once the force is over
     * @param fail          stops the log after a failed force (releasing every waiter) and returns what to throw
     */
    record Log(Runnable checkWritable, LongSupplier lastAppended, Supplier<LogBuffer.Taken> takeUnwritten,
               Consumer<LogBuffer.Taken> giveBack, BiFunction<IOException, String, StorageException> fail) {
    }

    /** A parked writer: until {@link #durableSequence} reaches {@code sequence}, or until it is released. */
    private static final class Waiter {
        final Thread thread = Thread.currentThread();
        final long sequence;
        /** {@code System.nanoTime()} at which a gathering writer stops waiting; 0 for an ordinary waiter. */
        final long deadline;
        /** Set when the writer must look again without being covered: to gather, or because the log stopped. */
        volatile boolean released;

        Waiter(long sequence, long deadline) {
            this.sequence = sequence;
            this.deadline = deadline;
        }

        boolean done(GroupCommit commits) {
            return commits.durableSequence >= sequence || released;
        }

        /**
         * Waits until covered, released, or (when gathering) past the deadline: an ordinary waiter first yields
         * (see "Waiting" in the class doc), then parks.
         */
        void await(GroupCommit commits) {
            if (deadline == 0 && commits.shouldYield() && commits.yieldUntilDone(this)) {
                return;
            }
            while (!done(commits)) {
                if (deadline == 0) {
                    LockSupport.park(commits);
                } else {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        return;
                    }
                    LockSupport.parkNanos(commits, left);
                }
            }
        }
    }

    private final ReentrantLock lock;
    private final Log log;
    /** Signalled when a force ends, for {@link #awaitNoForce}: roll-over, seal and close wait on it, writers do not. */
    private final Condition forceDone;
    /** Written under the lock; read without it by a writer checking whether it is covered. */
    private volatile long durableSequence;
    /** True while a leader forces without holding the lock. */
    private boolean forcing;
    /** The writer gathering the next group, or null. */
    private Waiter gatherer;
    /** How many records the next group is expected to hold (see "Why gather"). */
    private long expectedGroup = 1;
    private final List<Waiter> waiters = new ArrayList<>();
    /** How long a waiter yields before it parks ({@link LogOptions#groupYieldNanos()}); 0: never. */
    private final long yieldNanos;
    /**
     * Whether yielding has been paying off lately: up one for each wait that yielding ended, down four for each
     * that had to park anyway; waiters skip yielding while it is negative. Updated racily (a hint, not a count).
     */
    private volatile int yieldCredit;

    GroupCommit(ReentrantLock lock, Log log, long durableSequence, long yieldNanos) {
        this.lock = lock;
        this.log = log;
        this.yieldNanos = yieldNanos;
        this.forceDone = lock.newCondition();
        this.durableSequence = durableSequence;
    }

    /** Every record up to this sequence number is forced. */
    long durableSequence() {
        return durableSequence;
    }

    /**
     * Records that every record up to {@code sequence} is forced (by a force made under the lock: a roll-over, or
     * one per record at {@code sync}), and wakes the writers that covers.
     */
    void markDurable(long sequence) {
        assert lock.isHeldByCurrentThread();
        if (sequence > durableSequence) {
            durableSequence = sequence;
            release().forEach(LockSupport::unpark); // rare (a roll-over during group commit): under the lock
        }
    }

    /** Waits, with the lock held, until no leader is forcing: before the active segment is rolled or closed. */
    void awaitNoForce() {
        assert lock.isHeldByCurrentThread();
        while (forcing) {
            forceDone.awaitUninterruptibly();
        }
    }

    /** Whether a leader is forcing now. */
    boolean forcing() {
        assert lock.isHeldByCurrentThread();
        return forcing;
    }

    /**
     * Returns once every record up to {@code sequence} is forced. Requires: the lock is <em>not</em> held.
     *
     * @throws StorageException if the force that would cover {@code sequence} failed, or an earlier one did
     */
    void await(long sequence) {
        // @scaffold-begin m2: Group commit: until the record is durable, lead a force when none runs and the group is complete (or its gatherer gave up waiting), otherwise gather or wait, parked; wake the writers a force released once the lock is free.
        Waiter parked = null;
        long gatherUntil = 0; // once this writer gathers: when it stops waiting for its group
        while (durableSequence < sequence) {
            List<Thread> released = List.of();
            lock.lock();
            try {
                if (parked != null) { // woke uncovered (released to gather, timed out, or spuriously)
                    waiters.remove(parked);
                    if (parked == gatherer) {
                        gatherer = null;
                    }
                    parked = null;
                }
                if (durableSequence >= sequence) {
                    return;
                }
                log.checkWritable().run();
                long now = System.nanoTime();
                boolean complete = log.lastAppended().getAsLong() - durableSequence >= expectedGroup;
                boolean expired = gatherUntil != 0 && now >= gatherUntil
                        || gatherer != null && now >= gatherer.deadline;
                if (!forcing && (complete || expired)) {
                    released = lead();
                } else if (!forcing && gatherer == null) {
                    gatherUntil = gatherUntil != 0 ? gatherUntil : now + MAX_GATHER_NANOS;
                    parked = gatherer = new Waiter(sequence, gatherUntil);
                } else {
                    parked = new Waiter(sequence, 0);
                }
                if (parked != null) {
                    waiters.add(parked);
                }
            } finally {
                lock.unlock();
            }
            released.forEach(LockSupport::unpark); // outside the lock: the woken writers will want it
            if (parked != null) {
                parked.await(this);
            }
        }
        // @scaffold-default throw new UnsupportedOperationException("TODO(m2): GroupCommit.await, see LESSON.md step 8");
        // @scaffold-end
    }

    /**
     * Forces once for every record appended so far, publishes it as durable, and returns the writers to wake: first
     * one that the force did not cover, released to gather the next group, then every one it covered. Requires:
     * the lock is held and no force is running (the lock is released during the force).
     */
    private List<Thread> lead() {
        // @scaffold-begin m2: Mark yourself forcing (the group is closed), note the last record appended, take the unwritten records, write and force them without the lock, give the buffer back, then publish the new durable sequence (or fail), expect the next group and release the waiters.
        forcing = true;
        gatherer = null; // this force takes the group, gathered or not
        long target = log.lastAppended().getAsLong(); // ours and every follower's
        LogBuffer.Taken group = log.takeUnwritten().get(); // every record up to target not written yet, and its file
        IOException error = null;
        lock.unlock(); // let other writers append while the disk works
        try {
            group.writeAndForce();
        } catch (IOException e) {
            error = e;
        } finally {
            lock.lock();
            log.giveBack().accept(group);
            forcing = false;
            forceDone.signalAll();
        }
        if (error != null) {
            throw log.fail().apply(error, "cannot write and force " + group.file().path());
        }
        long covered = target - durableSequence;
        durableSequence = target;
        // The next group: the writers this force covered (they will be back), and those that appended during it.
        expectedGroup = Math.max(1, covered + (log.lastAppended().getAsLong() - target));
        return release();
        // @scaffold-default throw new UnsupportedOperationException("TODO(m2): GroupCommit.lead, see LESSON.md step 8");
        // @scaffold-end
    }

    /**
     * Removes from the waiters, and returns, one that is not covered yet (released, to gather the next group), then
     * every covered one. Requires: the lock is held.
     */
    private List<Thread> release() {
        if (waiters.isEmpty()) {
            return List.of(); // every append at sync comes here: no list to build
        }
        List<Thread> woken = new ArrayList<>(waiters.size() + 1);
        Waiter next = null;
        for (Iterator<Waiter> it = waiters.iterator(); it.hasNext(); ) {
            Waiter waiter = it.next();
            if (waiter.sequence <= durableSequence) {
                woken.add(waiter.thread);
                it.remove();
            } else if (next == null && gatherer == null) {
                next = waiter;
                it.remove();
            }
        }
        if (gatherer != null && gatherer.sequence <= durableSequence) {
            gatherer = null; // covered by a roll-over's force while it gathered
        }
        if (next != null) {
            next.released = true;
            woken.add(0, next.thread); // first: the disk is idle until a group forms
        }
        return woken;
    }

    /** Whether a waiter should yield before parking: on, and paying off (or, one time in 64, to find out again). */
    private boolean shouldYield() {
        return yieldNanos > 0 && (yieldCredit >= 0 || ThreadLocalRandom.current().nextInt(64) == 0);
    }

    /** Yields the CPU in a loop until {@code waiter} is done or the yield time is over; returns whether it is done. */
    private boolean yieldUntilDone(Waiter waiter) {
        long until = System.nanoTime() + yieldNanos;
        while (!waiter.done(this) && System.nanoTime() < until) {
            Thread.yield(); // runnable threads go first: this costs CPU only when it is idle anyway
        }
        boolean done = waiter.done(this);
        yieldCredit = Math.max(-16, Math.min(16, yieldCredit + (done ? 1 : -1)));
        return done;
    }

    /** Wakes every parked writer, to find the log stopped or closed. Requires: the lock is held. */
    void releaseAll() {
        forceDone.signalAll();
        for (Waiter waiter : waiters) {
            waiter.released = true;
            LockSupport.unpark(waiter.thread);
        }
        waiters.clear();
        gatherer = null;
    }
}
