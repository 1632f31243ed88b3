package companion.bench.engine;

import companion.bench.peers.H2MvStoreEngine;
import companion.bench.peers.LmdbEngine;
import companion.bench.peers.MapDbEngine;
import companion.bench.peers.RocksDbEngine;
import companion.bench.peers.SqliteEngine;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Every engine the benchmarks know, by name: {@code yours} (the learner's workspace), {@code reference}, and the
 * peers. The order here is the order of tables and charts.
 */
public final class Engines {
    private static final Map<String, Supplier<Engine>> ALL = new LinkedHashMap<>();

    static {
        ALL.put("yours", () -> CourseEngine.milestoneOne("yours"));
        ALL.put("reference", () -> CourseEngine.milestoneOne("reference"));
        ALL.put("reference-m2", StorageEngineAdapter::new);
        ALL.put("rocksdb", RocksDbEngine::new);
        ALL.put("lmdb", LmdbEngine::new);
        ALL.put("h2", H2MvStoreEngine::new);
        ALL.put("sqlite", SqliteEngine::new);
        ALL.put("mapdb", MapDbEngine::new);
    }

    private Engines() {
    }

    /** Every engine name, in display order. */
    public static List<String> names() {
        return List.copyOf(ALL.keySet());
    }

    /** The peers: every engine that is a real database rather than course code. */
    public static List<String> peers() {
        return names().stream().filter(n -> !n.equals("yours") && !n.startsWith("reference")).toList();
    }

    /**
     * The engine called {@code name}.
     *
     * @throws IllegalArgumentException listing the names there are
     */
    public static Engine named(String name) {
        Supplier<Engine> engine = ALL.get(name);
        if (engine == null) {
            throw new IllegalArgumentException("no engine '" + name + "'; there are: " + String.join(", ", names()));
        }
        return engine.get();
    }
}
