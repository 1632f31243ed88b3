package companion.database.storage.wal;

import java.util.Objects;

/**
 * One record read back from the write-ahead log: the {@link Operation} an engine appended, and the sequence number
 * the log gave it.
 *
 * <pre>{@code
 * try (LogCursor cursor = log.records(1)) {
 *     while (cursor.hasNext()) {
 *         LogRecord record = cursor.next();   // e.g. #7 put "user:1" "alice"
 *     }
 * }
 * }</pre>
 *
 * <p>Sequence numbers start at 1 and grow by one per record, without gaps, across segments and restarts: they are
 * the log's clock. An engine that has applied everything up to sequence {@code s} to its data files may ask the log
 * to {@linkplain WriteAheadLog#deleteBefore delete} what is older.
 *
 * @param sequence  the record's sequence number, 1 or more
 * @param operation what the record says
 */
public record LogRecord(long sequence, Operation operation) {
    public LogRecord {
        if (sequence < 1) {
            throw new IllegalArgumentException("a sequence number is 1 or more: " + sequence);
        }
        Objects.requireNonNull(operation, "operation is null");
    }

    /** Canonical text: {@code #7 put "k" "v"}. */
    @Override
    public String toString() {
        return "#" + sequence + " " + operation;
    }
}
