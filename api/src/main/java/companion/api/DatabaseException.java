package companion.api;

/**
 * The root of the errors that are not the caller's fault. A caller's mistake (a null key, a negative size) is a
 * {@link IllegalArgumentException} or {@link NullPointerException} instead, because retrying it can never help.
 *
 * <ul>
 *   <li>{@link CorruptionException}: a file does not follow its format; names the file and the byte offset.
 *   <li>{@link StorageException}: the operating system failed a read, write or fsync.
 * </ul>
 *
 * Milestone 5 adds a conflict error (a transaction lost a race; retrying may succeed).
 */
public abstract class DatabaseException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    protected DatabaseException(String message, Throwable cause) {
        super(message, cause);
    }
}
