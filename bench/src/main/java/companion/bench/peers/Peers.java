package companion.bench.peers;

import companion.api.DatabaseException;
import companion.api.StorageException;
import java.io.IOException;
import java.nio.file.Path;

/** Helpers every peer adapter shares: reporting an engine's failure, and closing everything it opened. */
final class Peers {
    private Peers() {
    }

    /**
     * What to throw when {@code engine} failed at {@code operation} in {@code dir}. Our own contract's exceptions
     * pass unchanged: a caller's mistake (null, or a key the engine cannot hold, reported as
     * {@link IllegalArgumentException}) or one of the API's. Anything else the engine threw, checked or not, becomes
     * a {@link StorageException} naming the engine, the operation and the directory, with the engine's exception
     * kept as the cause.
     */
    static RuntimeException failure(String engine, String operation, Path dir, Exception e) {
        if (e instanceof NullPointerException || e instanceof IllegalArgumentException
                || e instanceof DatabaseException) {
            return (RuntimeException) e;
        }
        IOException io = e instanceof IOException ioe ? ioe : new IOException(e.toString(), e);
        return new StorageException(engine + ": " + operation + " failed in " + dir, io);
    }

    /**
     * Closes every resource in the order given, even when one of them fails, so that nothing is left open.
     *
     * @throws Exception the first failure, with any later ones added to it as suppressed
     */
    static void closeAll(AutoCloseable... resources) throws Exception {
        Exception failure = null;
        for (AutoCloseable resource : resources) {
            try {
                resource.close();
            } catch (Exception e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
