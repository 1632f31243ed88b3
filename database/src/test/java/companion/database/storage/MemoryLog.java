package companion.database.storage;

import companion.api.CorruptionException;
import companion.api.StorageException;
import companion.database.storage.wal.LogReader;
import companion.database.storage.wal.Operation;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A log in memory for {@link KeyDirectory}'s tests: record {@code i} has address {@code 1000 * i} (addresses need not
 * be dense) and size {@code 100 + i}, so that live-byte totals show which records they count. Records can be
 * "deleted" (reads then fail as reads of a deleted segment do) and counted. Thread-safe.
 */
final class MemoryLog implements LogReader {
    private final Map<Long, List<Operation>> records = new ConcurrentHashMap<>();
    private final AtomicLong next = new AtomicLong();
    private final Set<Long> deleted = ConcurrentHashMap.newKeySet();
    /** Reads made, for tests that count what a probe costs. */
    final AtomicInteger reads = new AtomicInteger();

    /**
     * Appends a record of {@code operations} (one for a put or a delete record) and returns its address. Safe from
     * many threads, like the rest: a record is in the map before its address is handed out.
     */
    long append(Operation... operations) {
        long address = 1000L * next.getAndIncrement();
        records.put(address, List.of(operations));
        return address;
    }

    /** The size {@link #sizeAt} gives the record at {@code address}. */
    static int size(long address) {
        return 100 + (int) (address / 1000);
    }

    /** Reads of {@code address} fail from now on, as if compaction had deleted its segment. */
    void delete(long address) {
        deleted.add(address);
    }

    @Override
    public byte[] keyAt(long address, int number) {
        Operation operation = operation(address, number);
        return operation instanceof Operation.Put put ? put.key() : ((Operation.Delete) operation).key();
    }

    @Override
    public Optional<byte[]> valueAt(long address, int number, byte[] key) {
        return operation(address, number) instanceof Operation.Put put && Arrays.equals(put.key(), key)
                ? Optional.of(put.value()) : Optional.empty();
    }

    @Override
    public int sizeAt(long address) {
        operation(address, 1);
        return size(address);
    }

    private Operation operation(long address, int number) {
        reads.incrementAndGet();
        if (deleted.contains(address)) {
            throw new StorageException("address " + address + " is in a deleted segment",
                    new NoSuchFileException("segment of " + address));
        }
        List<Operation> record = records.get(address);
        if (number < 1 || number > record.size()) {
            throw new CorruptionException(Path.of("memory"), address, "no operation #" + number);
        }
        return record.get(number - 1);
    }
}
