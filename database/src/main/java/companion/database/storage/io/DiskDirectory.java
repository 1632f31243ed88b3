package companion.database.storage.io;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * A {@link StorageDirectory} on the real disk.
 *
 * <pre>{@code
 * StorageDirectory directory = DiskDirectory.open(Path.of("data/wal"));   // created if missing
 * try (StorageFile file = directory.create("a.tmp")) { ... file.force(); }
 * directory.rename("a.tmp", "a");
 * directory.sync();
 * }</pre>
 *
 * <p>{@link #sync()} opens the directory itself and forces it, which is how Linux and macOS make a new, renamed or
 * deleted name durable. Windows cannot open a directory as a file; there NTFS journals its metadata, and
 * {@code sync()} does nothing (a simplification: RocksDB and LevelDB make the same call on Windows).
 *
 * <p>Thread-safe: it holds no state but its path.
 */
public final class DiskDirectory implements StorageDirectory {
    private static final boolean WINDOWS =
            System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");

    private final Path path;

    private DiskDirectory(Path path) {
        this.path = path;
    }

    /**
     * The directory at {@code path}, created (with its parents) if it does not exist.
     *
     * @throws IOException if it cannot be created, or {@code path} is a file
     */
    public static DiskDirectory open(Path path) throws IOException {
        Objects.requireNonNull(path, "path is null");
        Files.createDirectories(path);
        return new DiskDirectory(path);
    }

    @Override
    public Path path() {
        return path;
    }

    @Override
    public List<String> list() throws IOException {
        List<String> names = new ArrayList<>();
        try (Stream<Path> entries = Files.list(path)) {
            entries.filter(Files::isRegularFile).forEach(p -> names.add(p.getFileName().toString()));
        }
        names.sort(null);
        return names;
    }

    @Override
    public StorageFile open(String name) throws IOException {
        Path file = resolve(name);
        return new DiskFile(file, FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE));
    }

    @Override
    public StorageFile create(String name) throws IOException {
        Path file = resolve(name);
        return new DiskFile(file, FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ,
                StandardOpenOption.WRITE));
    }

    @Override
    public void rename(String from, String to) throws IOException {
        // rename(2): atomic on POSIX file systems, and it replaces the target in the same step.
        Files.move(resolve(from), resolve(to), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    @Override
    public void delete(String name) throws IOException {
        Files.delete(resolve(name));
    }

    @Override
    public void sync() throws IOException {
        if (WINDOWS) {
            return;
        }
        try (FileChannel directory = FileChannel.open(path, StandardOpenOption.READ)) {
            directory.force(true);
        }
    }

    @Override
    public String toString() {
        return "DiskDirectory[" + path + "]";
    }

    private Path resolve(String name) {
        return path.resolve(StorageDirectory.checkName(name));
    }
}
