package companion.app.workspace;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code .companion/history.jsonl}: one JSON object per line, one line per run, oldest first.
 *
 * <p>Appends hold an exclusive file lock and write the whole line in one call, so a CLI run and the dashboard
 * appending at once interleave whole lines, never bytes. A line that does not parse (a torn write after a power
 * cut) is skipped when reading, not fatal: the history is a record, not a database.
 */
public final class History {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Appends of this JVM take turns here (see {@link #append}). */
    private static final Object IN_THIS_JVM = new Object();

    private final Path file;

    History(Path file) {
        this.file = file;
    }

    /** Appends {@code entry} as one line. */
    public void append(Object entry) {
        try {
            byte[] line = (JSON.writeValueAsString(entry) + "\n").getBytes(StandardCharsets.UTF_8);
            Files.createDirectories(file.getParent());
            // Two locks: the file lock keeps other processes (a CLI run beside the dashboard) out, but Java file
            // locks belong to the whole JVM, so threads of this one take turns on a monitor first.
            synchronized (IN_THIS_JVM) {
                try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                        StandardOpenOption.APPEND); FileLock ignored = channel.lock()) {
                    ByteBuffer buffer = ByteBuffer.wrap(line);
                    while (buffer.hasRemaining()) {
                        channel.write(buffer);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to " + file, e);
        }
    }

    /** Every entry that parses, oldest first. */
    public List<JsonNode> entries() {
        if (!Files.exists(file)) {
            return List.of();
        }
        List<JsonNode> entries = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (line.isBlank()) {
                    continue;
                }
                try {
                    entries.add(JSON.readTree(line));
                } catch (IOException torn) {
                    // a line cut short by a crash: skip it, keep the rest
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return entries;
    }
}
