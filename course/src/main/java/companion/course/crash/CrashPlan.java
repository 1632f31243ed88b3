package companion.course.crash;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Everything one crash run does that follows from its seed: how many writer threads, which keys each owns, how many
 * operations each attempts, and when the parent kills the writer. The writer, the verifier and the parent each call
 * {@link #of(long)} with the same seed and agree without talking.
 *
 * <pre>{@code
 * CrashPlan plan = CrashPlan.of(42);
 * plan.keysOf(1);          // [k1-00, k1-01, ...]: thread 1's keys, and only thread 1 writes them
 * plan.killAfterAcks();    // the parent sends SIGKILL once it has read this many acknowledgements
 * }</pre>
 *
 * <p>Key sets are small on purpose (2 to 12 keys a thread, up to 200 operations each): every key is overwritten
 * many times, so an engine that compacts on a garbage threshold compacts during the run, and the kill can land in
 * the middle of it.
 *
 * @param seed           the run's seed
 * @param threads        writer threads, 1..{@value #MAX_THREADS}
 * @param keysPerThread  keys each thread owns, 2..12
 * @param opsPerThread   operations each thread attempts, 30..200
 * @param killAfterAcks  the parent kills after reading this many acknowledgements, 0..threads * opsPerThread
 *                       (0: right after the store opened)
 * @param killDelayMicros then waits this long before the kill, 0 (half the runs) or 1..1999 microseconds
 */
public record CrashPlan(long seed, int threads, int keysPerThread, int opsPerThread, int killAfterAcks,
                        int killDelayMicros) {
    /** The most writer threads a plan has. */
    public static final int MAX_THREADS = 3;

    /** Checks the ranges stated on the components. */
    public CrashPlan {
        if (threads < 1 || threads > MAX_THREADS) {
            throw new IllegalArgumentException("threads must be 1.." + MAX_THREADS + ", was " + threads);
        }
        if (keysPerThread < 2) {
            throw new IllegalArgumentException("keysPerThread must be >= 2 (a batch needs two keys), was "
                    + keysPerThread);
        }
        if (opsPerThread < 1) {
            throw new IllegalArgumentException("opsPerThread must be >= 1, was " + opsPerThread);
        }
        if (killAfterAcks < 0 || killAfterAcks > threads * opsPerThread) {
            throw new IllegalArgumentException("killAfterAcks must be 0.." + threads * opsPerThread + ", was "
                    + killAfterAcks);
        }
        if (killDelayMicros < 0) {
            throw new IllegalArgumentException("killDelayMicros must be >= 0, was " + killDelayMicros);
        }
    }

    /** The plan of the run with this seed; the same seed always gives the same plan. */
    public static CrashPlan of(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int threads = 1 + random.nextInt(MAX_THREADS);
        int keysPerThread = 2 + random.nextInt(11);
        int opsPerThread = 30 + random.nextInt(171);
        int killAfterAcks = random.nextInt(threads * opsPerThread + 1);
        int killDelayMicros = random.nextBoolean() ? 0 : 1 + random.nextInt(1999);
        return new CrashPlan(seed, threads, keysPerThread, opsPerThread, killAfterAcks, killDelayMicros);
    }

    /**
     * The seed of run {@code index} of a series started with {@code master}. Run 0 uses {@code master} itself, so
     * {@code --runs 1 --seed S} replays any run whose seed was S. The others are below 2^31, short enough to type.
     */
    public static long runSeed(long master, int index) {
        if (index < 0) {
            throw new IllegalArgumentException("run index must be >= 0, was " + index);
        }
        return index == 0 ? master : mix(master + index * 0x9E3779B97F4A7C15L) >>> 33;
    }

    /** The seed of writer thread {@code thread}'s operation sequence. */
    public long threadSeed(int thread) {
        return mix(seed ^ (0xD1B54A32D192ED03L * (thread + 1)));
    }

    /** The name of thread {@code thread}'s key number {@code index}: {@code k1-03}. */
    public static String key(int thread, int index) {
        return String.format(Locale.ROOT, "k%d-%02d", thread, index);
    }

    /** Thread {@code thread}'s keys; no other thread writes them. */
    public List<String> keysOf(int thread) {
        if (thread < 0 || thread >= threads) {
            throw new IllegalArgumentException("no thread " + thread + " in a plan of " + threads + " threads");
        }
        List<String> keys = new ArrayList<>(keysPerThread);
        for (int i = 0; i < keysPerThread; i++) {
            keys.add(key(thread, i));
        }
        return keys;
    }

    /** Every key of the run, thread by thread: what the verifier reads back. */
    public List<String> keys() {
        List<String> keys = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            keys.addAll(keysOf(t));
        }
        return keys;
    }

    /** SplitMix64's finaliser: spreads nearby seeds (42, 43) over unrelated plans. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
