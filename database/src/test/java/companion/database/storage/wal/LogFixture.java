package companion.database.storage.wal;

import companion.database.storage.io.StorageDirectory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

/** Shared test data: fixed-size puts (so offsets are computable), opening with replay, and canonical renderings. */
final class LogFixture {
    private LogFixture() {
    }

    /** A put of key {@code key0007}, value {@code value0007}: every {@code put(i)} for i < 10000 has the same size. */
    static Operation put(int i) {
        return new Operation.Put(String.format("key%04d", i).getBytes(StandardCharsets.UTF_8),
                String.format("value%04d", i).getBytes(StandardCharsets.UTF_8));
    }

    /** Bytes of the record of any {@link #put(int)}: 17 header + 4 + 7 + 4 + 9 payload = 41. */
    static final int PUT_SIZE = (int) RecordCodec.size(put(0));

    /** A log opened on {@code directory}, and the records its recovery replayed, with their positions. */
    record Opened(WriteAheadLog log, List<LogRecord> replayed, List<LogPosition> positions) {
        List<Long> sequences() {
            return replayed.stream().map(LogRecord::sequence).collect(Collectors.toList());
        }
    }

    static Opened open(StorageDirectory directory, LogOptions options) {
        List<LogRecord> replayed = new ArrayList<>();
        List<LogPosition> positions = new ArrayList<>();
        WriteAheadLog log = WriteAheadLog.open(directory, options, (record, position, reader) -> {
            replayed.add(record);
            positions.add(position);
        });
        return new Opened(log, replayed, positions);
    }

    /** Appends {@code put(from)} .. {@code put(to)}, inclusive, and returns their positions. */
    static List<LogPosition> appendPuts(WriteAheadLog log, int from, int to) {
        List<LogPosition> appended = new ArrayList<>();
        for (int i = from; i <= to; i++) {
            appended.add(log.append(put(i)));
        }
        return appended;
    }

    /** The sequence numbers {@code from} .. {@code to}, inclusive. */
    static List<Long> range(long from, long to) {
        return LongStream.rangeClosed(from, to).boxed().collect(Collectors.toList());
    }

    /** The file name of the segment whose first record is {@code firstSequence}. */
    static String segment(long firstSequence) {
        return new Segment(firstSequence).name();
    }

    /** The index of the last non-zero byte of {@code bytes[from, to)}, or -1. */
    static int lastNonZero(byte[] bytes, int from, int to) {
        for (int i = to - 1; i >= from; i--) {
            if (bytes[i] != 0) {
                return i;
            }
        }
        return -1;
    }
}
