package companion.bench.jmh;

import companion.database.kv.LogReader;
import companion.database.kv.LogRecord;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The reference log format's hot paths, in records per second.
 *
 * <ul>
 *   <li>{@link #encodePut}: {@link LogRecord.Put#encode()} of a 16-byte key and a 100-byte value (UTF-8 encoding
 *       of both strings and one buffer allocation).
 *   <li>{@link #replay}: reading a 100,000-record log through {@link LogReader} from the first byte to the last,
 *       as {@code KVStore.open} does, reported per record. The file is in the page cache after the first
 *       invocation, so this measures decoding, not the disk.
 * </ul>
 *
 * Defaults suit a 2-core machine; JMH's command-line options ({@code -f -wi -i -w -r}) override them.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1, timeUnit = TimeUnit.SECONDS)
@Measurement(iterations = 5, time = 1, timeUnit = TimeUnit.SECONDS)
public class LogRecordBenchmark {
    /** Records in the replayed log. */
    static final int RECORDS = 100_000;
    /** Distinct records to encode: a pool, so the JIT cannot fold one constant record away. */
    static final int POOL = 1 << 10;

    /** Put records built once; {@link #encodePut} measures only their encoding. */
    @State(Scope.Benchmark)
    public static class Records {
        final LogRecord.Put[] puts = new LogRecord.Put[POOL];

        /** Builds the pool from the fixed seed. */
        public Records() {
            String[] keys = BenchData.keys(BenchData.SEED, POOL);
            String[] values = BenchData.values(BenchData.SEED + 1, POOL);
            for (int i = 0; i < POOL; i++) {
                puts[i] = new LogRecord.Put(keys[i], values[i]);
            }
        }
    }

    /** A log file of {@value #RECORDS} put records, written once per trial. */
    @State(Scope.Benchmark)
    public static class LogFile {
        /** Not final: created in {@link #write}, per trial. */
        Path dir;
        /** Not final: see {@link #dir}. */
        Path file;

        /** Writes the log, then reads it back once: a benchmark of a file that does not decode would be void. */
        @Setup(Level.Trial)
        public void write() {
            dir = BenchData.tempDir("jmh-log-replay");
            file = dir.resolve("data.kv");
            String[] keys = BenchData.keys(BenchData.SEED, RECORDS);
            String[] values = BenchData.values(BenchData.SEED + 1, POOL);
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
                for (int i = 0; i < RECORDS; i++) {
                    ByteBuffer bytes = new LogRecord.Put(keys[i], values[i & (POOL - 1)]).encode();
                    out.write(bytes.array(), bytes.arrayOffset() + bytes.position(), bytes.remaining());
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            int read = countRecords(file);
            if (read != RECORDS) {
                throw new IllegalStateException(file + " holds " + read + " records, expected " + RECORDS);
            }
        }

        /** Deletes the log. */
        @TearDown(Level.Trial)
        public void delete() {
            BenchData.deleteTree(dir);
        }

        private static int countRecords(Path file) {
            int count = 0;
            try (LogReader reader = LogReader.open(file)) {
                while (reader.next().isPresent()) {
                    count++;
                }
            }
            return count;
        }
    }

    /** Encodes the next pooled put record. */
    @Benchmark
    public void encodePut(Records records, Cursor cursor, Blackhole bh) {
        bh.consume(records.puts[cursor.next(POOL)].encode());
    }

    /** Replays the whole log; JMH divides by {@value #RECORDS}, so the figure is records per second. */
    @Benchmark
    @OperationsPerInvocation(RECORDS)
    public void replay(LogFile log, Blackhole bh) {
        try (LogReader reader = LogReader.open(log.file)) {
            for (Optional<LogRecord> next = reader.next(); next.isPresent(); next = reader.next()) {
                bh.consume(next.get());
            }
        }
    }
}
