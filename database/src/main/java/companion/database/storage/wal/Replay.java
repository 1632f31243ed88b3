package companion.database.storage.wal;

/**
 * What opening a {@link WriteAheadLog} does with each record it finds, oldest first: an engine rebuilds its state
 * from them (the storage engine points its key directory at each write).
 *
 * <pre>{@code
 * List<LogRecord> replayed = new ArrayList<>();
 * WriteAheadLog log = WriteAheadLog.open(directory, options, (record, position, reader) -> replayed.add(record));
 * // LogStructuredStore.open points its key directory at each write, reading earlier records through reader
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
