package companion.bench.peers;

import static org.junit.jupiter.api.Assertions.assertTrue;

import companion.api.Durability;
import companion.api.KeyValueStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What {@link RocksDbEngine#settings} prints is what RocksDB ran with: RocksDB writes its effective options to an
 * {@code OPTIONS-*} file and its block cache to {@code LOG} in the database directory, so they are checked there
 * rather than trusted.
 */
class RocksDbOptionsTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(Durability.class)
    void theOptionsFileMatchesThePrintedSettings(Durability durability) throws IOException {
        try (KeyValueStore store = new RocksDbEngine().open(dir, durability)) {
            store.put("k", "v");
        }
        List<String> options = Files.readAllLines(latest("OPTIONS-"));
        assertHas(options, "manual_wal_flush=false");
        assertHas(options, "max_write_batch_group_size_bytes=" + (durability == Durability.SYNC ? 1 : 1 << 20));
        assertHas(options, "write_buffer_size=" + (64 << 20));
        assertHas(options, "compression=kSnappyCompression");
        List<String> log = Files.readAllLines(dir.resolve("LOG"));
        assertTrue(log.stream().anyMatch(line -> line.contains("capacity : " + (32 << 20))),
                "a 32 MiB block cache in LOG");
        assertTrue(log.stream().anyMatch(line -> line.contains("block_cache_name: AutoHyperClockCache")),
                "RocksDB's own cache type in LOG, not the LRU cache a BlockBasedTableConfig would bring");
    }

    private Path latest(String prefix) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().startsWith(prefix))
                    .max(Comparator.comparing(f -> f.getFileName().toString()))
                    .orElseThrow(() -> new AssertionError("no " + prefix + "* file in " + dir));
        }
    }

    private static void assertHas(List<String> lines, String setting) {
        assertTrue(lines.stream().anyMatch(line -> line.strip().equals(setting)), setting + " in the OPTIONS file");
    }
}
