package companion.course.criteria;

import companion.api.KeyValueStore;
import companion.course.catalog.EntryPoint;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * The code under test: the learner's workspace, the reference database, or a deliberately broken mutant.
 * Criteria never name an implementation; they ask the current subject.
 *
 * @param name       shown in messages, e.g. "your code" or a mutant's name
 * @param opener     opens a key-value store kept in a file (milestone 1)
 * @param mainClass  the program the exit-clean criterion runs in a separate process
 * @param classpath  the classpath that process runs with
 * @param jvmOptions extra options for that process (mutants use them to pick a flaw)
 * @param seed       the seed randomised criteria use; printed in every repro line
 */
public record Subject(String name, Opener opener, String mainClass, String classpath, List<String> jvmOptions,
                      long seed) {

    /** Opens the store kept in {@code file}, as {@code KVStore.open(file)} does. */
    @FunctionalInterface
    public interface Opener {
        KeyValueStore open(Path file);
    }

    private static volatile Subject current;

    public Subject {
        Objects.requireNonNull(opener, "opener");
        jvmOptions = List.copyOf(jvmOptions);
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

    /** The same subject with another seed. */
    public Subject withSeed(long newSeed) {
        return new Subject(name, opener, mainClass, classpath, jvmOptions, newSeed);
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
