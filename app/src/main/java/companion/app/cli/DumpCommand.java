package companion.app.cli;

import companion.database.kv.LogDump;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code companion dump FILE}: a human rendering of a database file, the learner's or the reference's, one line
 * per record with its byte offset. Milestone 1's key-value log now; milestone 2's WAL segments as they land.
 */
@Command(name = "dump", description = "Show a database file record by record, with byte offsets.")
final class DumpCommand implements Callable<Integer> {
    @Parameters(paramLabel = "FILE", description = "A milestone 1 log (the file KVStore.open was given).")
    Path file;

    @Override
    public Integer call() {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("no file " + file);
        }
        LogDump.render(file).forEach(System.out::println);
        return 0;
    }
}
