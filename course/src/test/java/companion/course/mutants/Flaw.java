package companion.course.mutants;

/**
 * The deliberate mistakes {@link FlawedStore} can make, each the kind a learner really makes, and the criterion
 * that must catch it. A criterion without a flaw that it catches could be vacuous; {@code MutantsTest} proves none is.
 */
public enum Flaw {
    /** put writes the file but forgets the map: reads only see what was loaded at open. */
    PUT_SKIPS_MAP("put-and-get", true),
    /** get returns null for a missing key instead of Optional.empty(). */
    MISSING_IS_NULL("get-missing-key", true),
    /** get returns an empty string for a missing key. */
    MISSING_IS_EMPTY_STRING("get-missing-key", true),
    /** delete does nothing at all. */
    DELETE_IGNORED("delete-key", true),
    /** put keeps the first value of a key (putIfAbsent). */
    FIRST_WRITE_WINS("overwrite-key", true),
    /** Writes go through a BufferedOutputStream that is flushed only by close. */
    BUFFERED_UNTIL_CLOSE("persistence-write", true),
    /** open never reads the existing file. */
    NO_REPLAY("persistence-reload", true),
    /** close truncates the file before the last record, as a botched "clean up" might. */
    LOSES_LAST_RECORD_ON_CLOSE("persistence-reload", true),
    /** Keys live in a fixed table of 64 slots; a second key in a slot evicts the first. */
    FIXED_TABLE_64("multiple-keys", true),
    /** open starts a non-daemon background thread that close never stops, so a program never exits. */
    NON_DAEMON_THREAD("exit-clean", true),
    /** No lock: each write copies the map, changes the copy and swaps it in, so concurrent writes get lost. */
    UNLOCKED_COPY_ON_WRITE("concurrent-access", false),
    /** The map and the file are updated without a common lock, so the file's order can differ from memory's. */
    UNORDERED_FILE_WRITES("concurrent-access", false),
    /** A text format, one {@code key=value} line per record: newlines and '=' in data break it. */
    NEWLINE_FORMAT("binary-safe", true),
    /** delete changes the map but writes nothing to the file. */
    DELETES_NOT_LOGGED("delete-persists", true);

    private final String caughtBy;
    private final boolean deterministic;

    Flaw(String caughtBy, boolean deterministic) {
        this.caughtBy = caughtBy;
        this.deterministic = deterministic;
    }

    /** The criterion that must fail for this flaw. */
    public String caughtBy() {
        return caughtBy;
    }

    /** Whether the failure message is the same on every run (a race's is not: which key and when varies). */
    public boolean deterministic() {
        return deterministic;
    }
}
