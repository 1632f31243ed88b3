package companion.database.storage.wal;

/**
 * What opening a {@link WriteAheadLog} does with each record it finds, oldest first: an engine rebuilds its state
 * from them (the storage engine points its key directory at each write).
 *
 * <pre>{@code
 * WriteAheadLog.open(directory, options, (record, position, log) -> keys.apply(record, position, log));
 * }</pre>
 */
@FunctionalInterface
public interface Replay {
    /**
     * @param record   the record, checksum verified
     * @param position where it is
     * @param log      reads any record replayed so far, by address: the log itself is not open yet
     */
    void apply(LogRecord record, LogPosition position, LogReader log);
}
