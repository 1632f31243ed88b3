package companion.bench.engine;

import companion.api.Durability;
import companion.api.KeyValueStore;
import companion.course.catalog.Catalog;
import companion.course.catalog.EntryPoint;
import companion.course.catalog.Milestone;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The course's own store, milestone 1's {@code KVStore}, reached by reflection through the catalog's entry class.
 * The same adapter serves two engines: {@code reference} and {@code yours} (the learner's workspace). Which code
 * runs is decided by the child JVM's classpath, never by this class: a learner's run has no reference on it.
 *
 * <p>The store is opened with {@code open(Path, Durability)} when the class has it (the reference does, and so
 * does a starter generated from it), else with {@code open(Path)}, which can only mean durability {@code none}.
 */
public final class CourseEngine implements Engine {
    private static final String FILE = "store.kv";

    private final String name;
    private final Milestone milestone;

    /**
     * @param name      {@code reference} or {@code yours}
     * @param milestone whose store to open (milestone 1's {@code KVStore} for now)
     */
    public CourseEngine(String name, Milestone milestone) {
        this.name = name;
        this.milestone = milestone;
    }

    /** The engine for milestone 1's store under {@code name}. */
    public static CourseEngine milestoneOne(String name) {
        return new CourseEngine(name, Catalog.load().milestone(1));
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public EngineSettings settings(Durability durability) {
        if (durability == Durability.GROUP) {
            return EngineSettings.notHonoured(name, durability.word(), "milestone 1's store has no group commit"
                    + " (milestone 2 builds it)");
        }
        if (durability == Durability.SYNC && withDurability().isEmpty()) {
            return EngineSettings.notHonoured(name, durability.word(),
                    "the store has no open(Path, Durability) method, so it cannot be asked to fsync");
        }
        String fsync = durability == Durability.SYNC ? "fdatasync per write" : "never";
        if (!name.equals("reference")) {
            // The learner's design is whatever they wrote: claim only what the contract asks for, and let the
            // measured writes/op and bytes/op show the rest.
            return EngineSettings.honoured(name, durability.word(), EngineSettings.ordered(
                    "fsync", fsync + " (as the contract asks)", "design", "yours: see writes/op and bytes/op"));
        }
        return EngineSettings.honoured(name, durability.word(), EngineSettings.ordered(
                "fsync", fsync,
                "writes", "one append per put/delete",
                "log", "append-only, never compacted",
                "cache", "every value in memory (hash map)"));
    }

    @Override
    public KeyValueStore open(Path dir, Durability durability) {
        settings(durability).requireHonoured();
        Path file = dir.resolve(FILE);
        Optional<EntryPoint> full = withDurability();
        Object store = full.isPresent() ? full.get().call(file, durability)
                : EntryPoint.resolve(milestone.entry().opener(), loader(), "the benchmark opens the store through it",
                        Path.class).call(file);
        return (KeyValueStore) store;
    }

    private Optional<EntryPoint> withDurability() {
        return EntryPoint.find(milestone.entry().opener(), loader(), Path.class, Durability.class);
    }

    private static ClassLoader loader() {
        return CourseEngine.class.getClassLoader();
    }
}
