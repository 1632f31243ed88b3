package companion.database.kv;

import companion.api.CorruptionException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The canonical text rendering of a milestone 1 log, one line per record, used by {@code companion dump} and by
 * tests that compare whole files:
 *
 * <pre>
 *   offset      record
 *   0           PUT    key "user:1" (6 B)  value "alice" (5 B)
 *   20          DELETE key "user:1" (6 B)
 *   31          end of log (31 bytes, 2 records)
 * </pre>
 *
 * A damaged record ends the listing with a line naming its offset and what is wrong, after every record before it.
 */
public final class LogDump {
    /** Strings longer than this are shortened in the listing. */
    private static final int SHOWN = 40;

    private LogDump() {
    }

    /** The lines for the log in {@code file}. */
    public static List<String> render(Path file) {
        List<String> lines = new ArrayList<>();
        lines.add(String.format("%-11s %s", "offset", "record"));
        int records = 0;
        try (LogReader reader = LogReader.open(file)) {
            while (true) {
                long offset = reader.offset();
                Optional<LogRecord> next = reader.next();
                if (next.isEmpty()) {
                    lines.add(String.format("%-11d end of log (%d bytes, %d records)", offset, offset, records));
                    return lines;
                }
                lines.add(String.format("%-11d %s", offset, describe(next.get())));
                records++;
            }
        } catch (CorruptionException e) {
            lines.add(String.format("%-11d DAMAGED: %s", e.offset(), e.getMessage()));
            return lines;
        }
    }

    private static String describe(LogRecord record) {
        if (record instanceof LogRecord.Put put) {
            return "PUT    key " + show(put.key()) + "  value " + show(put.value());
        }
        return "DELETE key " + show(record.key());
    }

    /** {@code "alice" (5 B)}: quoted and escaped, with the size in bytes as stored. */
    private static String show(String text) {
        StringBuilder out = new StringBuilder("\"");
        text.codePoints().limit(SHOWN).forEach(c -> {
            if (c == '"' || c == '\\') {
                out.append('\\').appendCodePoint(c);
            } else if (c < 0x20 || c == 0x7f) {
                out.append(String.format("\\u%04x", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        out.append(text.codePointCount(0, text.length()) > SHOWN ? "…\"" : "\"");
        return out + " (" + text.getBytes(StandardCharsets.UTF_8).length + " B)";
    }
}
