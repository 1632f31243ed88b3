package companion.api;

import java.io.IOException;

/**
 * The operating system failed us: a read, write, fsync or open returned an error (disk full, permission denied,
 * device gone). The cause is the {@link IOException} the JDK raised.
 *
 * <p>Unchecked so that the store's methods can match the simple {@link KeyValueStore} signatures; it is never
 * swallowed, and a write that threw was not acknowledged.
 */
public final class StorageException extends DatabaseException {
    private static final long serialVersionUID = 1L;

    public StorageException(String message, IOException cause) {
        super(message + ": " + cause.getMessage(), cause);
    }
}
