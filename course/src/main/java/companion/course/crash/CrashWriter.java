package companion.course.crash;

import companion.api.StorageEngine;
import companion.api.WriteBatch;
import companion.course.catalog.Compaction;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.SplittableRandom;

/**
 * The child program the crash harness kills: it opens a store and writes to it from several threads, announcing
 * each operation before it starts ({@code intent}) and after it returns ({@code ack}), until SIGKILL ends it.
 *
 * <pre>
 *   java -cp ... companion.course.crash.CrashWriter --opener C#m --dir D --durability sync --seed 42
 *   start seed=42 threads=2 keys=5 ops=80 durability=sync opener=C#m
 *   opened
 *   intent t0#1 put k0-03=40:5d1c9a0e
 *   intent t1#1 batch +k1-00=18:0be1f3a2,-k1-04
 *   ack t0#1 put k0-03=40:5d1c9a0e
 *   ...                                     (SIGKILL, usually long before "done")
 * </pre>
 *
 * <p>What it does follows from the seed ({@link CrashPlan}): thread {@code t} runs {@code opsPerThread} operations
 * on its own keys, chosen by its own random stream: 50% put, 15% delete, 27% batch (2 to 5 of its keys, each a put
 * or, one time in four, a delete), 8% flush; on thread 0, when the engine has a public no-argument {@code compact()}
 * method, {@value #DEFAULT_COMPACT_PERCENT}% compaction instead (or what {@link #COMPACT_PERCENT} says), taken from
 * the top of that table. Values are {@link TracedValue}s of 16 to 4,096 bytes, mostly short.
 *
 * <p>If every thread finishes, it prints {@code done} and waits for standard input to close: it never closes the
 * store by itself, so the parent's kill always finds it open. If the store cannot be opened, it prints
 * {@code fatal} and the reason, and exits with {@link #CANNOT_OPEN}. A write that throws is reported as
 * {@code error}, and that thread stops.
 */
public final class CrashWriter {
    /** Exit status when the opener cannot be found or the store cannot be opened. */
    public static final int CANNOT_OPEN = 3;
    /**
     * The system property of the writer JVM that sets how many of thread 0's operations, in percent, are a
     * {@code compact()} (default {@value #DEFAULT_COMPACT_PERCENT}): the crash-during-compaction criterion raises it
     * so that many kills land inside a compaction.
     */
    public static final String COMPACT_PERCENT = "companion.crash.compactPercent";
    /** Thread 0 compacts this often, in percent of its operations, unless {@link #COMPACT_PERCENT} says otherwise. */
    public static final int DEFAULT_COMPACT_PERCENT = 3;

    private final CrashPlan plan;
    private final StorageEngine engine;
    private final ProtocolOut out;
    private final Optional<Compaction> compact;
    /** Percent of thread 0's operations that compact, when the engine can. */
    private final int compactPercent = Integer.getInteger(COMPACT_PERCENT, DEFAULT_COMPACT_PERCENT);

    private CrashWriter(CrashPlan plan, StorageEngine engine, ProtocolOut out) {
        this.plan = plan;
        this.engine = engine;
        this.out = out;
        this.compact = Compaction.of(engine);
    }

    public static void main(String[] argv) throws InterruptedException, IOException {
        ChildArgs args = ChildArgs.parse(argv);
        ProtocolOut out = ProtocolOut.claimStdout();
        CrashPlan plan = CrashPlan.of(args.seed());
        out.println(History.START + " seed=" + args.seed() + " threads=" + plan.threads() + " keys="
                + plan.keysPerThread() + " ops=" + plan.opsPerThread() + " durability=" + args.durability().word()
                + " opener=" + args.opener());
        StorageEngine engine;
        try {
            EngineOpener opener;
            try {
                opener = EngineOpener.resolve(args.opener());
            } catch (IllegalArgumentException e) {
                out.println(History.FATAL + " " + e.getMessage()); // says all: the class or method that is missing
                System.exit(CANNOT_OPEN);
                return;
            }
            engine = opener.open(args.dir(), args.durability());
        } catch (RuntimeException | LinkageError | AssertionError e) {
            out.println(History.FATAL + " opening the store threw " + ProtocolOut.describe(e));
            System.exit(CANNOT_OPEN);
            return;
        }
        out.println(History.OPENED);
        new CrashWriter(plan, engine, out).writeAll();
        out.println(History.DONE);
        // Wait to be killed. If the parent itself dies, standard input closes and the writer ends cleanly.
        while (System.in.read() >= 0) {
            continue;
        }
        engine.close();
    }

    private void writeAll() throws InterruptedException {
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < plan.threads(); t++) {
            int thread = t;
            threads.add(new Thread(() -> writeThread(thread), "crash-writer-" + t));
        }
        threads.forEach(Thread::start);
        for (Thread thread : threads) {
            thread.join();
        }
    }

    private void writeThread(int thread) {
        SplittableRandom random = new SplittableRandom(plan.threadSeed(thread));
        List<String> keys = plan.keysOf(thread);
        for (long seq = 1; seq <= plan.opsPerThread(); seq++) {
            int roll = random.nextInt(100);
            WriteBatch batch = new WriteBatch();
            List<Write.Item> items = new ArrayList<>();
            Write.Kind kind;
            if (thread == 0 && compact.isPresent() && roll >= 100 - compactPercent) {
                kind = Write.Kind.COMPACT;
            } else if (roll < 50) {
                kind = Write.Kind.PUT;
                addItem(batch, items, keys.get(random.nextInt(keys.size())), false, random, thread, seq);
            } else if (roll < 65) {
                kind = Write.Kind.DELETE;
                addItem(batch, items, keys.get(random.nextInt(keys.size())), true, random, thread, seq);
            } else if (roll < 92) {
                kind = Write.Kind.BATCH;
                List<String> shuffled = new ArrayList<>(keys);
                Collections.shuffle(shuffled, new Random(random.nextLong()));
                int size = 2 + random.nextInt(Math.min(4, keys.size() - 1));
                for (String key : shuffled.subList(0, size)) {
                    addItem(batch, items, key, random.nextInt(4) == 0, random, thread, seq);
                }
            } else {
                kind = Write.Kind.FLUSH;
            }
            Write write = new Write(thread, seq, kind, items);
            out.println(HistoryLine.intent(write).render());
            try {
                apply(write, batch);
            } catch (RuntimeException | AssertionError | LinkageError e) {
                out.println(HistoryLine.error(write, ProtocolOut.describe(e)).render());
                return;
            }
            out.println(HistoryLine.ack(write).render());
        }
    }

    /** Adds a put (a fresh traced value) or a delete of {@code key} to both the batch and the protocol items. */
    private void addItem(WriteBatch batch, List<Write.Item> items, String key, boolean delete,
                         SplittableRandom random, int thread, long seq) {
        byte[] keyBytes = key.getBytes(StandardCharsets.US_ASCII);
        if (delete) {
            batch.delete(keyBytes);
            items.add(new Write.Item(key, Optional.empty()));
            return;
        }
        int roll = random.nextInt(100);
        int length = roll < 70 ? 16 + random.nextInt(49) : roll < 95 ? 65 + random.nextInt(448)
                : 513 + random.nextInt(3584);
        byte[] value = TracedValue.of(plan.seed(), thread, seq, key, length);
        batch.put(keyBytes, value);
        items.add(new Write.Item(key, Optional.of(Digest.of(value))));
    }

    /** Calls the engine method {@code write} names; {@code batch} holds its items (used as is for a batch). */
    private void apply(Write write, WriteBatch batch) {
        switch (write.kind()) {
            case PUT -> engine.put(batch.operations().get(0).key(), batch.operations().get(0).value());
            case DELETE -> engine.delete(batch.operations().get(0).key());
            case BATCH -> engine.write(batch);
            case FLUSH -> engine.flush();
            case COMPACT -> compact.orElseThrow().run();
            default -> throw new AssertionError("unknown kind " + write.kind());
        }
    }
}
