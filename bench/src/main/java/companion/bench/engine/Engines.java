package companion.bench.engine;

import companion.bench.baseline.FdatasyncBaseline;
import companion.bench.baseline.HashMapBaseline;
import companion.bench.peers.H2MvStoreEngine;
import companion.bench.peers.LmdbEngine;
import companion.bench.peers.MapDbEngine;
import companion.bench.peers.RocksDbEngine;
import companion.bench.peers.SqliteEngine;
import companion.bench.workload.Workload;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Every engine the benchmarks know, by name: {@code yours} (the learner's workspace), {@code reference}, the
 * peers, and the baselines. The order here is the order of tables and charts.
 *
 * <p>{@code yours} and {@code reference} are the course's store of the milestone being benchmarked: milestone 1's
 * {@code KVStore} ({@link CourseEngine}), or from milestone 2 on the storage engine ({@link StorageEngineAdapter}).
 * Baselines ({@code hashmap}, {@code fdatasync}) are not databases but the ceilings a target is measured against;
 * a workload names the ones it needs ({@link Workload#baselines()}).
 *
 * <p>The {@code fdatasync} floor is <em>paired</em>: a course engine measures it in its own JVM, one run of the
 * floor beside each of its own runs ({@link #pairedIn}), because this disk's fsync rate moves by a third or more
 * between two runs a few seconds apart, so a floor measured in another JVM a minute later is a different disk.
 */
public final class Engines {
    private static final Map<String, Supplier<Engine>> ALL = new LinkedHashMap<>();
    private static final List<String> BASELINES = List.of("hashmap", "fdatasync");
    private static final List<String> PAIRED = List.of("fdatasync");

    static {
        ALL.put("yours", () -> CourseEngine.milestoneOne("yours"));
        ALL.put("reference", () -> CourseEngine.milestoneOne("reference"));
        ALL.put("reference-m2", StorageEngineAdapter::new);
        ALL.put("rocksdb", RocksDbEngine::new);
        ALL.put("lmdb", LmdbEngine::new);
        ALL.put("h2", H2MvStoreEngine::new);
        ALL.put("sqlite", SqliteEngine::new);
        ALL.put("mapdb", MapDbEngine::new);
        ALL.put("hashmap", HashMapBaseline::new);
        ALL.put("fdatasync", FdatasyncBaseline::new);
    }

    private Engines() {
    }

    /** Every engine name, in display order. */
    public static List<String> names() {
        return List.copyOf(ALL.keySet());
    }

    /** The peers: every engine that is a real database rather than course code or a baseline. */
    public static List<String> peers() {
        return names().stream().filter(n -> !isCourseEngine(n) && !isBaseline(n)).toList();
    }

    /** Whether {@code name} is the course's store ({@code yours}, {@code reference}, {@code reference-m2}). */
    public static boolean isCourseEngine(String name) {
        return name.equals("yours") || name.startsWith("reference");
    }

    /**
     * The baselines that engine {@code engine} measures itself, in alternation with its own runs of
     * {@code workload}: the paired ones the workload names, for a course engine; none for any other engine (a
     * peer is not compared with the floor, and the floor asked for alone runs in its own JVM).
     */
    public static List<String> pairedIn(String engine, Workload workload) {
        return isCourseEngine(engine) ? workload.baselines().stream().filter(PAIRED::contains).toList() : List.of();
    }

    /** Whether {@code name} is a baseline: a ceiling to compare with, not a database. */
    public static boolean isBaseline(String name) {
        return BASELINES.contains(name);
    }

    /**
     * The engine called {@code name}, with {@code yours} and {@code reference} meaning milestone 1's store.
     *
     * @throws IllegalArgumentException listing the names there are
     */
    public static Engine named(String name) {
        return named(name, 1);
    }

    /**
     * The engine called {@code name} when milestone {@code milestone} is benchmarked: {@code yours} and
     * {@code reference} are that milestone's store (milestone 2's storage engine from milestone 2 on).
     *
     * @throws IllegalArgumentException listing the names there are
     */
    public static Engine named(String name, int milestone) {
        Supplier<Engine> engine = ALL.get(name);
        if (engine == null) {
            throw new IllegalArgumentException("no engine '" + name + "'; there are: " + String.join(", ", names()));
        }
        if (milestone >= 2 && (name.equals("yours") || name.equals("reference"))) {
            return new StorageEngineAdapter(name);
        }
        return engine.get();
    }
}
