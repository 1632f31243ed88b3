package companion.api;

import java.nio.file.Path;

/**
 * A file does not follow its format: it ends in the middle of a record, holds an unknown record type, or (from
 * milestone 2) fails a checksum. The message names the file and the byte offset of the damaged record, so that
 * {@code companion dump FILE} can show the bytes around it.
 *
 * <p>Opening a store never turns a damaged file into an empty store: data a user was promised must not vanish
 * silently. What to do instead (truncate a torn tail, salvage what is readable) is milestone 2's subject.
 */
public final class CorruptionException extends DatabaseException {
    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final long offset;

    /**
     * @param file   the damaged file
     * @param offset byte offset, from the start of the file, of the record that could not be read
     * @param what   what is wrong, e.g. "record ends after 3 of its 9 bytes"
     */
    public CorruptionException(Path file, long offset, String what) {
        super(file + ": corrupt at byte offset " + offset + ": " + what, null);
        this.file = file;
        this.offset = offset;
    }

    /** The damaged file. */
    public Path file() {
        return file;
    }

    /** Byte offset of the damaged record from the start of the file. */
    public long offset() {
        return offset;
    }
}
