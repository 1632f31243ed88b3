package companion.database.kv;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogDumpTest {
    @TempDir
    Path dir;

    @Test
    void rendersEveryRecordWithItsOffset() {
        Path file = dir.resolve("data.kv");
        try (KVStore store = KVStore.open(file)) {
            store.put("user:1", "alice");
            store.put("é", "line\nbreak");
            store.delete("user:1");
        }
        assertEquals(List.of(
                "offset      record",
                "0           PUT    key \"user:1\" (6 B)  value \"alice\" (5 B)",
                "20          PUT    key \"é\" (2 B)  value \"line\\u000abreak\" (10 B)",
                "41          DELETE key \"user:1\" (6 B)",
                "52          end of log (52 bytes, 3 records)"), LogDump.render(file));
    }

    @Test
    void endsAtTheDamagedRecordNamingItsOffset() throws IOException {
        Path file = dir.resolve("data.kv");
        try (KVStore store = KVStore.open(file)) {
            store.put("a", "hi");
        }
        Files.write(file, new byte[] {0x07}, StandardOpenOption.APPEND);
        List<String> lines = LogDump.render(file);
        assertEquals(3, lines.size());
        assertEquals(true, lines.get(2).startsWith("12          DAMAGED: "), lines.get(2));
    }
}
