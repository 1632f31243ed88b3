package companion.database.storage.wal;

import companion.database.storage.io.DiskDirectory;
import companion.database.storage.io.StorageFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The canonical text rendering of one WAL segment, one line per record, for {@code companion dump}: offset,
 * sequence number, type, keys and value sizes, and whether the checksum holds. It only reads: unlike opening the
 * log, it never truncates a torn tail, so a learner can look at exactly what a crash left.
 *
 * <pre>
 *   offset      record
 *   0           #1 PUT    key "a" (1 B)  value 2 B  crc ok  28 B
 *   28          #2 BATCH  2 operations: PUT "b" (1 B) value 1 B, DELETE "a" (1 B)  crc ok  46 B
 *   74          end of data; zeros to 67,108,864
 * </pre>
 */
public final class SegmentDump {
    private static final int SHOWN = 24;

    private SegmentDump() {
    }

    /** The lines for the segment file {@code file}. */
    public static List<String> render(Path file) {
        List<String> lines = new ArrayList<>();
        lines.add(String.format("%-11s %s", "offset", "record"));
        try (StorageFile segment = DiskDirectory.open(file.toAbsolutePath().getParent())
                .open(file.getFileName().toString())) {
            SegmentReader reader = new SegmentReader(segment, segment.size());
            long at = 0;
            while (at < reader.end()) {
                Frame frame = reader.frameAt(at);
                if (frame instanceof Frame.Valid valid) {
                    lines.add(String.format("%-11d %s  crc ok  %d B", at, describe(valid.record()), valid.size()));
                    at += valid.size();
                } else if (frame instanceof Frame.End) {
                    long last = reader.lastNonZero(at);
                    lines.add(String.format("%-11d end of data; %s", at, last < 0
                            ? String.format("zeros to %,d", reader.end())
                            : "but non-zero bytes up to offset " + last + ": a torn tail or damage"));
                    return lines;
                } else {
                    Frame.Damaged damaged = (Frame.Damaged) frame;
                    lines.add(String.format("%-11d DAMAGED: %s", at, damaged.what()));
                    return lines;
                }
            }
            lines.add(String.format("%-11d end of segment", at));
            return lines;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read segment " + file, e);
        }
    }

    private static String describe(LogRecord record) {
        return "#" + record.sequence() + " " + operation(record.operation());
    }

    private static String operation(Operation operation) {
        if (operation instanceof Operation.Put put) {
            return "PUT    key " + show(put.key()) + "  value " + put.value().length + " B";
        }
        if (operation instanceof Operation.Delete delete) {
            return "DELETE key " + show(delete.key());
        }
        Operation.Batch batch = (Operation.Batch) operation;
        List<String> parts = new ArrayList<>();
        for (Operation inner : batch.operations()) {
            parts.add(inner instanceof Operation.Put put ? "PUT " + show(put.key()) + " value " + put.value().length
                    + " B" : "DELETE " + show(((Operation.Delete) inner).key()));
        }
        return "BATCH  " + batch.operations().size() + " operations: " + String.join(", ", parts);
    }

    /** Printable UTF-8 as a quoted string, anything else as hex; with the size in bytes. */
    private static String show(byte[] bytes) {
        String text = new String(bytes, StandardCharsets.UTF_8);
        boolean printable = text.codePoints().allMatch(c -> c >= 0x20 && c != 0x7f && c != 0xfffd);
        String shown = printable ? "\"" + (text.length() > SHOWN ? text.substring(0, SHOWN) + "…" : text) + "\""
                : "0x" + HexFormat.of().formatHex(bytes, 0, Math.min(bytes.length, SHOWN))
                + (bytes.length > SHOWN ? "…" : "");
        return shown + " (" + bytes.length + " B)";
    }
}
