package companion.database.storage.io;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * A directory of files: list, create, open, rename, delete, and sync the directory itself. The write-ahead log
 * keeps its segments in one, and tests replace the disk ({@link DiskDirectory}) with a simulation that forgets
 * whatever was not forced (the fault-injecting directory of the test tree).
 *
 * <pre>{@code
 * StorageDirectory directory = DiskDirectory.open(Path.of("data/wal"));
 * try (StorageFile file = directory.create("segment.tmp")) {
 *     file.write(zeros, 0);
 *     file.force();
 * }
 * directory.rename("segment.tmp", "segment");   // atomic: either name exists, never half a file
 * directory.sync();                             // and now the rename survives a power cut
 * }</pre>
 *
 * <h2>Why the directory needs its own sync</h2>
 * A file's name lives in its directory, not in the file. {@code force} on a new file makes its bytes durable, but
 * after a power cut the name pointing at them may be gone: the entry is written when the directory is. So every
 * create, rename and delete that must survive a crash is followed by {@link #sync()} ({@code fsync} on the
 * directory), as LevelDB does after creating a log file and PostgreSQL after creating a WAL segment.
 *
 * <p>Names are plain file names: not empty, no path separator, not {@code .} or {@code ..}. Any other name is a
 * caller's mistake ({@link IllegalArgumentException}).
 */
public interface StorageDirectory {

    /** The directory's path, for messages. */
    Path path();

    /** The names of the files in this directory, in lexicographic order. */
    List<String> list() throws IOException;

    /**
     * Opens an existing file for reading and writing.
     *
     * @throws java.nio.file.NoSuchFileException if there is none by that name
     */
    StorageFile open(String name) throws IOException;

    /**
     * Creates an empty file and opens it for reading and writing. Its name is durable only after {@link #sync()}.
     *
     * @throws java.nio.file.FileAlreadyExistsException if the name is taken
     */
    StorageFile create(String name) throws IOException;

    /**
     * Renames {@code from} to {@code to} atomically, replacing {@code to} if it exists: at every instant, and after
     * a crash, {@code to} is either the old file or the whole new one. Durable only after {@link #sync()}.
     */
    void rename(String from, String to) throws IOException;

    /** Deletes a file. Durable only after {@link #sync()}. */
    void delete(String name) throws IOException;

    /** Forces the directory's own entries (creates, renames, deletes) to the disk. */
    void sync() throws IOException;

    /**
     * Checks a file name given to this directory.
     *
     * @throws NullPointerException     if {@code name} is null
     * @throws IllegalArgumentException naming the value when it is empty, a path, {@code .} or {@code ..}
     */
    static String checkName(String name) {
        Objects.requireNonNull(name, "name is null");
        if (name.isEmpty() || name.equals(".") || name.equals("..") || name.indexOf('/') >= 0
                || name.indexOf('\\') >= 0) {
            throw new IllegalArgumentException("not a plain file name: '" + name + "'");
        }
        return name;
    }
}
