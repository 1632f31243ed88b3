package companion.course;

import companion.course.criteria.Subject;
import companion.course.mutants.Flaw;
import companion.course.mutants.FlawedStore;
import companion.database.kv.KVStore;
import companion.database.storage.LogStructuredStore;
import java.util.List;

/** The subjects the self-check runs criteria against. */
public final class TestSubjects {
    /** The seed every self-check run uses, so golden messages are stable. */
    public static final long SEED = 42;

    private TestSubjects() {
    }

    /** The reference database, on this test JVM's classpath. */
    public static Subject reference() {
        return Subject.ofStore("reference", KVStore::open, "companion.database.kv.Main",
                System.getProperty("java.class.path"), List.of(), SEED);
    }

    /** A store with one deliberate {@code flaw}. */
    public static Subject mutant(Flaw flaw) {
        return Subject.ofStore(flaw.name(), file -> new FlawedStore(file, flaw), "companion.course.mutants.FlawedMain",
                System.getProperty("java.class.path"), List.of("-Dflaw=" + flaw.name()), SEED);
    }

    /** The reference database's milestone 2 engine, on this test JVM's classpath (child JVMs reach it too). */
    public static Subject referenceEngine() {
        return Subject.ofEngine("reference", new Subject.Engine(LogStructuredStore.class.getName() + "#open",
                LogStructuredStore::open), System.getProperty("java.class.path"), List.of(), SEED);
    }
}
