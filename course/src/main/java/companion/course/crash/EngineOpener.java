package companion.course.crash;

import companion.api.Durability;
import companion.api.StorageEngine;
import companion.course.catalog.EntryPoint;
import java.nio.file.Path;

/**
 * Opens a {@link StorageEngine} through a static method named as {@code Class#method}, taking
 * {@code (Path directory, Durability durability)}: how the crash writer and verifier reach an engine they were not
 * compiled against (the reference's, a learner's, or a test's).
 *
 * <pre>{@code
 * EngineOpener opener = EngineOpener.resolve("companion.database.storage.LogStructuredStore#open");
 * try (StorageEngine engine = opener.open(dir, Durability.SYNC)) { ... }
 * }</pre>
 */
public final class EngineOpener {
    private final EntryPoint open;

    private EngineOpener(EntryPoint open) {
        this.open = open;
    }

    /**
     * Finds the method {@code spec} names, through this class's class loader.
     *
     * @throws IllegalArgumentException saying exactly what is missing: the '#', the class, or a public static
     *                                  method of that name taking (Path, Durability) and returning a StorageEngine
     */
    public static EngineOpener resolve(String spec) {
        EntryPoint open = EntryPoint.resolve(spec, EngineOpener.class.getClassLoader(),
                "the crash test opens the store through it", Path.class, Durability.class);
        if (!StorageEngine.class.isAssignableFrom(open.returnType())) {
            throw new IllegalArgumentException(spec + "(Path, Durability) returns " + open.returnType().getName()
                    + ", not a " + StorageEngine.class.getName());
        }
        return new EngineOpener(open);
    }

    /**
     * Calls the opener. What it throws reaches the caller unwrapped, as a direct call would.
     *
     * @throws IllegalStateException when it returns null
     */
    public StorageEngine open(Path directory, Durability durability) {
        Object engine = open.call(directory, durability);
        if (engine == null) {
            throw new IllegalStateException(open.spec() + " returned null");
        }
        return (StorageEngine) engine;
    }

    /** {@code Class#method}. */
    public String spec() {
        return open.spec();
    }
}
