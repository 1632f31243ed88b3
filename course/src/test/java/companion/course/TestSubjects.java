package companion.course;

import companion.course.criteria.Subject;
import companion.course.mutants.Flaw;
import companion.course.mutants.FlawedStore;
import companion.database.kv.KVStore;
import java.util.List;

/** The subjects the self-check runs criteria against. */
public final class TestSubjects {
    /** The seed every self-check run uses, so golden messages are stable. */
    public static final long SEED = 42;

    private TestSubjects() {
    }

    /** The reference database, on this test JVM's classpath. */
    public static Subject reference() {
        return new Subject("reference", KVStore::open, "companion.database.kv.Main",
                System.getProperty("java.class.path"), List.of(), SEED);
    }

    /** A store with one deliberate {@code flaw}. */
    public static Subject mutant(Flaw flaw) {
        return new Subject(flaw.name(), file -> new FlawedStore(file, flaw), "companion.course.mutants.FlawedMain",
                System.getProperty("java.class.path"), List.of("-Dflaw=" + flaw.name()), SEED);
    }
}
