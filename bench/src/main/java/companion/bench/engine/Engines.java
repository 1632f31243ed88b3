package companion.bench.engine;

import java.lang.reflect.InvocationTargetException;
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
        peer("rocksdb", "companion.bench.peers.RocksDbEngine");
        peer("lmdb", "companion.bench.peers.LmdbEngine");
        peer("h2", "companion.bench.peers.H2MvStoreEngine");
        peer("sqlite", "companion.bench.peers.SqliteEngine");
        peer("mapdb", "companion.bench.peers.MapDbEngine");
    }

    private Engines() {
    }

    /** Peers are created by class name so that this registry compiles (and the learner's JVM loads) without them. */
    private static void peer(String name, String className) {
        ALL.put(name, () -> {
            try {
                return (Engine) Class.forName(className).getConstructor().newInstance();
            } catch (ClassNotFoundException | NoSuchMethodException | InstantiationException | IllegalAccessException
                     | InvocationTargetException e) {
                throw new IllegalStateException("engine " + name + " (" + className + ") cannot be created: " + e, e);
            }
        });
    }

    /** Every engine name, in display order. */
    public static List<String> names() {
        return List.copyOf(ALL.keySet());
    }

    /** The peers: every engine that is a real database rather than course code. */
    public static List<String> peers() {
        return names().stream().filter(n -> !n.equals("yours") && !n.equals("reference")).toList();
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
