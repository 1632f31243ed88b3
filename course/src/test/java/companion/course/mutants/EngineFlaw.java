package companion.course.mutants;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The deliberate mistakes {@link FlawedEngine} can make, each one a learner really makes in a storage engine, and
 * the milestone 2 criterion that must catch it; {@link #NONE} is the correct engine. A criterion without a flaw
 * that it catches could be vacuous.
 *
 * <pre>{@code
 * FlawedEngine.open(dir, Durability.SYNC, EngineFlaw.NO_FORCE);           // in this JVM
 * java -Dcompanion.engineFlaw=NO_FORCE ... FlawedEngine#open               // in a child JVM (crash harness)
 * }</pre>
 */
public enum EngineFlaw {
    /** No mistake: the correct engine, which every criterion must pass. */
    NONE(null, true),
    /**
     * Acknowledges writes and keeps them in memory, writing them {@value FlawedEngine#HELD_RECORDS} records at a
     * time: a kill loses up to that many acknowledged writes.
     */
    ACK_BEFORE_WRITE("wal-replay-after-kill", false),
    /**
     * Writes each record at once but never forces it, not even under sync: the OS has the bytes, so a kill loses
     * nothing, and only a power cut would. Caught by watching for {@code FileChannel.force} (JFR), not by killing.
     */
    NO_FORCE("durable-ack", true),
    /**
     * Replay stops at a torn last record but leaves it in the file, and appends go after it: the next replay stops
     * at the same garbage, and every write made after the first reopen is lost.
     */
    APPENDS_AFTER_TORN_TAIL("torn-tail-recovery", true),
    /** Writes checksums but never verifies them: a flipped bit in a value is returned as data. */
    NO_CHECKSUM("checksum-detects-corruption", true),
    /** Compaction copies every record, overwritten and deleted ones too: values stay right, no space comes back. */
    COMPACTION_COPIES_EVERYTHING("compaction-reclaims-space", true),
    /**
     * Compaction keeps the right keys but copies the first value the log holds for each (a putIfAbsent while
     * scanning from the start) instead of the latest, so an overwritten key reads an old value afterwards.
     */
    COMPACTION_KEEPS_OLDEST("compaction-keeps-latest", true),
    /**
     * Compaction empties the index and refills it from the new file key by key, outside the lock: meanwhile a
     * concurrent read finds a live key missing.
     */
    COMPACTION_RESETS_INDEX("reads-during-compaction", false),
    /**
     * Compaction truncates the log and writes the live entries back into the same file, one forced record at a
     * time: a kill in the middle leaves only some of them.
     */
    COMPACTION_IN_PLACE("crash-during-compaction", false),
    /** Writes (and forces) each operation of a batch as its own record: a crash between two leaves half a batch. */
    SPLIT_BATCHES("atomic-batch", true);

    /** The system property that {@link FlawedEngine#open(java.nio.file.Path, companion.api.Durability)} reads. */
    public static final String PROPERTY = "companion.engineFlaw";

    private final String caughtBy;
    private final boolean deterministic;

    EngineFlaw(String caughtBy, boolean deterministic) {
        this.caughtBy = caughtBy;
        this.deterministic = deterministic;
    }

    /** Every constant but {@link #NONE}: the mistakes, one per criterion at least. */
    public static List<EngineFlaw> mistakes() {
        return Arrays.stream(values()).filter(f -> f != NONE).toList();
    }

    /**
     * The flaw named by the system property {@value #PROPERTY}, or {@link #NONE} when it is not set.
     *
     * @throws IllegalArgumentException naming the value when it is no flaw's name
     */
    public static EngineFlaw fromSystemProperty() {
        String name = System.getProperty(PROPERTY, NONE.name());
        try {
            return valueOf(name);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("-D" + PROPERTY + "=" + name + " names no flaw; expected one of "
                    + Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", ")), e);
        }
    }

    /**
     * The criterion that must fail for this flaw.
     *
     * @throws IllegalStateException for {@link #NONE}, which every criterion must pass
     */
    public String caughtBy() {
        if (caughtBy == null) {
            throw new IllegalStateException(this + " is the correct engine: no criterion may catch it");
        }
        return caughtBy;
    }

    /**
     * Whether the criterion's failure message is the same on every run; a race's or a kill's is not (which key,
     * and when, varies).
     */
    public boolean deterministic() {
        return deterministic;
    }
}
