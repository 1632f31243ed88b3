package companion.bench.ycsb;

import companion.api.Durability;
import companion.bench.engine.Engine;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.stream.Stream;
import site.ycsb.measurements.Measurements;

/**
 * Runs one YCSB core workload against an {@link Engine}, in this JVM, through the official YCSB client library.
 *
 * <pre>{@code
 * YcsbOutcome a = YcsbRun.run(engine, Durability.NONE, "a", 100_000, 1_000_000, 4, Files.createTempDirectory("ycsb"));
 * a.runOpsPerSec();          // throughput of the run phase
 * a.operationCounts();       // {READ=500123, UPDATE=499877}
 * }</pre>
 *
 * <h2>How</h2>
 * The engine's store is opened once in {@code dir} (outside the timed phases) and shared by all client threads
 * through {@link EngineDB}. Then, as YCSB's {@code -load} and {@code -t} runs would: the <b>load</b> phase inserts
 * {@code recordCount} records, the <b>run</b> phase performs {@code operationCount} operations in the workload's
 * mix ({@link CoreWorkloads}); each phase uses a fresh {@code CoreWorkload}, fresh client threads and fresh
 * measurements. YCSB's {@code Client.main} is not used because it ends with {@code System.exit}. Counts and
 * latencies come from YCSB's own {@link Measurements}, read back through an exporter.
 *
 * <h2>Simplifications</h2>
 * <ul>
 *   <li><b>No seed.</b> YCSB 0.17.0 cannot be seeded: every random choice (operation, key, field, and the value
 *       bytes) comes from {@code ThreadLocalRandom}. What is fixed is everything else: the loaded key set
 *       ({@code user} + an FNV hash of 0..recordCount-1), the keys workload D inserts (recordCount onwards), the
 *       record shape and the mix. The operation counts therefore vary slightly from run to run around the
 *       workload's proportions.
 *   <li><b>No scans.</b> Workload E is not run: see {@link YcsbOutcome#notSupported()}.
 *   <li><b>Unthrottled, no time limit, no warm-up.</b> The JVM, the store and the caller decide those.
 *   <li><b>One run at a time.</b> YCSB's measurements are a JVM-wide singleton, so concurrent calls wait for each
 *       other; {@link YcsbStatics} resets it before each phase and after the run.
 *   <li><b>Failures abort.</b> Any failed operation (an exception from the store, or a record missing that YCSB
 *       inserted) makes the run throw rather than report a throughput of partly failed work.
 * </ul>
 */
public final class YcsbRun {
    /** YCSB's operation names, in the order results list them. */
    private static final List<String> OPERATIONS = List.of("READ", "UPDATE", "INSERT", "SCAN", "DELETE",
            "READ-MODIFY-WRITE");
    private static final String RMW = "READ-MODIFY-WRITE";
    private static final Object ONE_RUN_AT_A_TIME = new Object();

    private YcsbRun() {
    }

    /**
     * Loads {@code recordCount} records into a fresh store of {@code engine} in {@code dir}, then runs
     * {@code operationCount} operations of core workload {@code letter} with {@code threads} client threads.
     *
     * @param dir an empty or absent directory the caller owns; the store's files are left in it
     * @return the outcome; for workload E, one that says why it was not run
     * @throws IllegalArgumentException for an unknown letter, a count below 1, a non-empty {@code dir}, or a
     *                                  durability the engine does not honour
     * @throws IllegalStateException    if the store failed an operation, naming the first failure
     */
    public static YcsbOutcome run(Engine engine, Durability durability, String letter, int recordCount,
                                  int operationCount, int threads, Path dir) {
        Objects.requireNonNull(engine, "engine");
        Objects.requireNonNull(durability, "durability");
        Objects.requireNonNull(dir, "dir");
        String workload = CoreWorkloads.normalise(letter);
        atLeastOne("recordCount", recordCount);
        atLeastOne("operationCount", operationCount);
        atLeastOne("threads", threads);
        int clients = Math.min(threads, operationCount);
        if (CoreWorkloads.needsScans(workload)) {
            return YcsbOutcome.notSupported(workload, recordCount, operationCount, clients, noScans(engine));
        }
        prepare(dir);
        synchronized (ONE_RUN_AT_A_TIME) {
            SharedStore shared = SharedStore.open(engine, durability, dir);
            RuntimeException failure = null;
            try {
                String label = "ycsb-" + workload + "-" + engine.name();
                Properties load = properties(workload, engine, durability, shared.dir(), recordCount,
                        operationCount, threads, false);
                Phase.Result loaded = Phase.run(label + "-load", load, false, recordCount, threads);
                check(shared, label + " load phase", loaded, recordCount);
                Properties run = properties(workload, engine, durability, shared.dir(), recordCount,
                        operationCount, threads, true);
                Phase.Result ran = Phase.run(label + "-run", run, true, operationCount, threads);
                check(shared, label + " run phase", ran, operationCount);
                return outcome(workload, recordCount, operationCount, clients, loaded, ran);
            } catch (RuntimeException e) {
                failure = e;
                throw e;
            } finally {
                YcsbStatics.reset(new Properties());
                release(shared, failure);
            }
        }
    }

    private static String noScans(Engine engine) {
        return "workload E is 95% scans (5% inserts), and " + engine.name() + " runs through milestone 1's"
                + " KeyValueStore contract (get, put, delete), which has no ordered iteration to scan with."
                + " E was not run: every scan would fail as NOT_IMPLEMENTED and its throughput would mean nothing.";
    }

    private static Properties properties(String workload, Engine engine, Durability durability, Path dir,
                                         int recordCount, int operationCount, int threads, boolean transactions) {
        Properties p = CoreWorkloads.properties(workload);
        p.setProperty("recordcount", Integer.toString(recordCount));
        // CoreWorkload reads operationcount even when loading (to size its zipfian key space).
        p.setProperty("operationcount", Integer.toString(operationCount));
        p.setProperty("threadcount", Integer.toString(threads));
        p.setProperty("dotransactions", Boolean.toString(transactions));
        p.setProperty(Measurements.MEASUREMENT_TYPE_PROPERTY, "hdrhistogram");
        p.setProperty(Measurements.MEASUREMENT_INTERVAL, "op");
        p.setProperty("hdrhistogram.fileoutput", "false");
        p.setProperty(EngineDB.DIR_PROPERTY, dir.toString());
        p.setProperty(EngineDB.ENGINE_PROPERTY, engine.name());
        p.setProperty(EngineDB.DURABILITY_PROPERTY, durability.word());
        return p;
    }

    /** Fails the run if any operation failed or YCSB did fewer operations than asked. */
    private static void check(SharedStore shared, String phase, Phase.Result result, long expected) {
        RuntimeException first = shared.firstFailure();
        // DBWrapper counts every status under the operation's own name ("READ": Return=ERROR=3); the latencies of
        // failures go to "READ-FAILED", which would only count the same operations twice.
        Map<String, Long> failed = new LinkedHashMap<>();
        result.measurements().forEach((name, metrics) -> metrics.forEach((metric, value) -> {
            if (metric.startsWith("Return=") && !metric.equals("Return=OK")) {
                failed.put(name + " " + metric.substring("Return=".length()), value.longValue());
            }
        }));
        if (first != null || !failed.isEmpty() || result.done() != expected) {
            throw new IllegalStateException(phase + " in " + shared.dir() + ": " + result.done() + " of " + expected
                    + " operations done; failed: " + failed + (first == null ? " (see stderr for YCSB's messages)"
                    : "; first failure: " + first.getMessage()), first);
        }
    }

    private static YcsbOutcome outcome(String workload, int recordCount, int operationCount, int clients,
                                       Phase.Result load, Phase.Result run) {
        long readModifyWrites = count(run, RMW);
        Map<String, Long> counts = new LinkedHashMap<>();
        Map<String, Double> latencies = new LinkedHashMap<>();
        for (String operation : OPERATIONS) {
            long measured = count(run, operation);
            // CoreWorkload performs each read-modify-write as a READ and an UPDATE through the DB, measured as
            // such, plus one READ-MODIFY-WRITE measurement around both; count it once, as itself.
            long operations = operation.equals("READ") || operation.equals("UPDATE")
                    ? measured - readModifyWrites : measured;
            if (operations > 0) {
                counts.put(operation, operations);
            }
            if (measured > 0) {
                latencies.put(operation, run.measurements().get(operation).get(MeasurementCapture.AVERAGE_MICROS));
            }
        }
        long total = counts.values().stream().mapToLong(Long::longValue).sum();
        if (total != operationCount) {
            // Only a change in how YCSB names or nests its measurements could cause this.
            throw new IllegalStateException("YCSB workload " + workload + ": operation counts " + counts + " sum to "
                    + total + ", not the " + operationCount + " operations done; YCSB's measurements "
                    + run.measurements().keySet() + " are not what this version of YcsbRun expects");
        }
        double seconds = run.nanos() / 1e9;
        return new YcsbOutcome(workload, recordCount, operationCount, clients, millis(load.nanos()),
                millis(run.nanos()), seconds > 0 ? operationCount / seconds : 0, counts, latencies, null);
    }

    private static long count(Phase.Result result, String name) {
        Map<String, Double> metrics = result.measurements().get(name);
        Double operations = metrics == null ? null : metrics.get(MeasurementCapture.OPERATIONS);
        return operations == null ? 0 : operations.longValue();
    }

    private static long millis(long nanos) {
        return Math.round(nanos / 1e6);
    }

    private static void atLeastOne(String what, int value) {
        if (value < 1) {
            throw new IllegalArgumentException("YCSB " + what + " must be at least 1, got " + value);
        }
    }

    /** Creates {@code dir} if absent; refuses one with files in it, as {@link Engine#open} needs it empty. */
    private static void prepare(Path dir) {
        try {
            Files.createDirectories(dir);
            try (Stream<Path> entries = Files.list(dir)) {
                if (entries.findAny().isPresent()) {
                    throw new IllegalArgumentException("YCSB directory " + dir.toAbsolutePath() + " is not empty;"
                            + " each run needs a fresh one");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare YCSB directory " + dir.toAbsolutePath(), e);
        }
    }

    /** Closes the store; a close failure is thrown, or attached to the run's own failure if there was one. */
    private static void release(SharedStore shared, RuntimeException failure) {
        try {
            shared.release();
        } catch (RuntimeException e) {
            if (failure == null) {
                throw new IllegalStateException("closing the YCSB store in " + shared.dir() + " failed: "
                        + e.getMessage(), e);
            }
            failure.addSuppressed(e);
        }
    }
}
