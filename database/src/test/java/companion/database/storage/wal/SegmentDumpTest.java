package companion.database.storage.wal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import companion.api.Durability;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SegmentDumpTest {
    @TempDir
    Path dir;

    private static byte[] b(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private Path segment() throws IOException {
        try (var files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(".wal")).findFirst().orElseThrow();
        }
    }

    @Test
    void rendersEveryRecordWithOffsetSequenceAndChecksum() throws IOException {
        try (WriteAheadLog log = WriteAheadLog.open(dir, Durability.NONE)) {
            log.append(new Operation.Put(b("a"), b("hi")));
            log.append(new Operation.Delete(b("a")));
        }
        List<String> lines = SegmentDump.render(segment());
        assertEquals("0           #1 PUT    key \"a\" (1 B)  value 2 B  crc ok  28 B", lines.get(1));
        assertTrue(lines.get(2).startsWith("28          #2 DELETE key \"a\" (1 B)  crc ok"), lines.get(2));
        assertTrue(lines.get(3).contains("end of data; zeros to"), lines.get(3));
    }

    @Test
    void showsDamageAtItsOffsetWithoutRepairingIt() throws IOException {
        try (WriteAheadLog log = WriteAheadLog.open(dir, Durability.NONE)) {
            log.append(new Operation.Put(b("a"), b("hi")));
            log.append(new Operation.Put(b("b"), b("yo")));
        }
        Path file = segment();
        try (RandomAccessFile raw = new RandomAccessFile(file.toFile(), "rw")) {
            raw.seek(40);
            raw.write(raw.read() ^ 0x01); // a bit flip inside the second record
        }
        byte[] before = Files.readAllBytes(file);
        List<String> lines = SegmentDump.render(file);
        assertTrue(lines.get(2).startsWith("28          DAMAGED: "), lines.get(2));
        assertEquals(before.length, Files.readAllBytes(file).length, "dump never changes the file");
    }
}
