package companion.app.cli;

import companion.database.kv.LogDump;
import companion.database.storage.wal.SegmentDump;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code companion dump FILE}: a human rendering of a database file, the learner's or the reference's, one line
 * per record with its byte offset. A {@code .wal} file is a milestone 2 log segment; anything else is read as a
 * milestone 1 key-value log. It only reads: a damaged file is shown as it is, never repaired.
 */
@Command(name = "dump", description = "Show a database file record by record, with byte offsets.")
final class DumpCommand implements Callable<Integer> {
    @Parameters(paramLabel = "FILE", description = "A milestone 2 log segment (*.wal) or a milestone 1 log.")
    Path file;

    @Override
    public Integer call() {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("no file " + file);
        }
        (file.toString().endsWith(".wal") ? SegmentDump.render(file) : LogDump.render(file))
                .forEach(System.out::println);
        return 0;
    }
}
