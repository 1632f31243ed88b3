package companion.course.criteria;

import companion.api.Durability;
import companion.api.KeyValueStore;
import companion.api.StorageEngine;
import companion.course.catalog.EntryPoint;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * The code under test: the learner's workspace, the reference database, or a deliberately broken mutant.
 * Criteria never name an implementation; they ask the current subject.
 *
 * <p>A subject reaches milestone 1's key-value store through {@link #opener} or milestone 2's storage engine through
 * {@link #engine}; it has the one its milestone needs, and asking for the other is an error that says so.
 *
 * @param name       shown in messages, e.g. "your code" or a mutant's name
 * @param opener     opens a key-value store kept in a file (milestone 1), or null
 * @param engine     opens a storage engine kept in a directory (milestone 2), or null
 * @param mainClass  the program the exit-clean criterion runs in a separate process, or null
 * @param classpath  the classpath that separate processes (that program, the crash harness's children) run with
 * @param jvmOptions extra options for those processes (mutants use them to pick a flaw)
 * @param seed       the seed randomised criteria use; printed in every repro line
 */
public record Subject(String name, Opener opener, Engine engine, String mainClass, String classpath,
                      List<String> jvmOptions, long seed) {

    /** Opens the store kept in {@code file}, as {@code KVStore.open(file)} does. */
    @FunctionalInterface
    public interface Opener {
        KeyValueStore open(Path file);
    }

    /** Opens the engine kept in {@code dir}, as {@code LogStructuredStore.open(dir, durability)} does. */
    @FunctionalInterface
    public interface EngineOpener {
        StorageEngine open(Path dir, Durability durability);
    }

    /**
     * A storage engine, reached two ways: in this JVM through {@code open}, and in a child JVM (the crash harness's
     * writer and verifier) through the static method {@code spec} names, {@code Class#method(Path, Durability)}.
     */
    public record Engine(String spec, EngineOpener open) {
        public Engine {
            Objects.requireNonNull(spec, "spec");
            Objects.requireNonNull(open, "open");
        }

        /** The engine {@code spec} names, resolved through {@code loader}. */
        public static Engine reflective(String spec, ClassLoader loader) {
            EntryPoint open = EntryPoint.resolve(spec, loader,
                    "the criteria open your engine through it (is it in src/main/java?)", Path.class, Durability.class);
            return new Engine(spec, (dir, durability) -> (StorageEngine) open.call(dir, durability));
        }
    }

    private static volatile Subject current;

    public Subject {
        if (opener == null && engine == null) {
            throw new IllegalArgumentException("a subject needs a store opener or an engine");
        }
        jvmOptions = List.copyOf(jvmOptions);
    }

    /** A milestone 1 subject: a key-value store in a file, and the program {@code mainClass}. */
    public static Subject ofStore(String name, Opener opener, String mainClass, String classpath,
                                  List<String> jvmOptions, long seed) {
        return new Subject(name, Objects.requireNonNull(opener, "opener"), null, mainClass, classpath, jvmOptions,
                seed);
    }

    /** A milestone 2 subject: a storage engine in a directory. */
    public static Subject ofEngine(String name, Engine engine, String classpath, List<String> jvmOptions, long seed) {
        return new Subject(name, null, Objects.requireNonNull(engine, "engine"), null, classpath, jvmOptions, seed);
    }

    /** Makes {@code subject} the one criteria run against, until the next call. */
    public static void use(Subject subject) {
        current = Objects.requireNonNull(subject, "subject");
    }

    /** The subject criteria run against. */
    public static Subject current() {
        Subject subject = current;
        if (subject == null) {
            throw new IllegalStateException("no subject under test: the runner sets one with Subject.use");
        }
        return subject;
    }

    /** The key-value store opener; fails if this subject is a milestone 2 engine. */
    public Opener storeOpener() {
        if (opener == null) {
            throw new IllegalStateException(name + " is a storage engine (milestone 2), not a key-value store");
        }
        return opener;
    }

    /** The storage engine; fails if this subject is a milestone 1 store. */
    public Engine storageEngine() {
        if (engine == null) {
            throw new IllegalStateException(name + " is a key-value store (milestone 1), not a storage engine");
        }
        return engine;
    }

    /** The same subject with another seed. */
    public Subject withSeed(long newSeed) {
        return new Subject(name, opener, engine, mainClass, classpath, jvmOptions, newSeed);
    }

    /**
     * An opener that calls a static method by name, e.g. {@code companion.database.kv.KVStore#open}, through
     * {@code loader}. Exceptions the method throws reach the caller unwrapped, as a direct call would.
     *
     * @throws IllegalArgumentException when the class or method does not exist, saying which
     */
    public static Opener reflectiveOpener(String className, String methodName, ClassLoader loader) {
        EntryPoint open = EntryPoint.resolve(className + "#" + methodName, loader,
                "the criteria open your store through it (is it in src/main/java?)", Path.class);
        return file -> (KeyValueStore) open.call(file);
    }
}
