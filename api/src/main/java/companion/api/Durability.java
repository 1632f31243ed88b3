package companion.api;

/**
 * When a write is acknowledged, relative to the disk. The same three words are used by the reference database,
 * the benchmarks (every result line states one) and the acceptance criteria.
 *
 * <pre>
 *   mode    a write returns after...                       survives a killed process   survives a power cut
 *   NONE    the bytes are handed to the OS (write(2))      yes                         no
 *   GROUP   an fsync shared with concurrent writers        yes                         yes
 *   SYNC    its own fsync                                  yes                         yes
 * </pre>
 *
 * <p>{@code NONE} is not "in memory": once {@code write(2)} returns, the kernel owns the bytes, and a process that
 * is killed a moment later loses nothing. Only a crash of the machine itself (power, kernel panic) can drop them.
 */
public enum Durability {
    /** Acknowledge once the OS has the bytes; no fsync. Fast; lost only on power failure or OS crash. */
    NONE,
    /** Group commit: concurrent writers share one fsync, each acknowledged after the fsync that covers it. */
    GROUP,
    /** fsync (fdatasync) before acknowledging each write. Slow: one disk round trip per write. */
    SYNC;

    /** The lower-case word used in output and JSON: {@code none}, {@code group}, {@code sync}. */
    public String word() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /**
     * Parses {@code none}, {@code group} or {@code sync} (any case).
     *
     * @throws IllegalArgumentException naming the word when it is none of the three
     */
    public static Durability parse(String word) {
        for (Durability d : values()) {
            if (d.word().equalsIgnoreCase(word)) {
                return d;
            }
        }
        throw new IllegalArgumentException("unknown durability '" + word + "': expected none, group or sync");
    }
}
