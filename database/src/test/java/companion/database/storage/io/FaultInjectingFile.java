package companion.database.storage.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;

/**
 * An open handle on a {@link SimulatedFile} of a {@link FaultInjectingDirectory}. Every operation takes the
 * directory's monitor, so a crash is atomic with respect to writes; a handle opened before a crash is closed by it,
 * as the process that held it would be gone.
 *
 * <pre>{@code
 * StorageFile file = directory.create("a");
 * file.write(ByteBuffer.wrap(bytes), 0);   // unforced: a crash may drop it
 * file.force();                            // counted in directory.forceCount(); may be made to fail
 * }</pre>
 */
final class FaultInjectingFile implements StorageFile {
    private final FaultInjectingDirectory directory;
    private final String name;
    private final SimulatedFile contents;
    /** Guarded by the directory's monitor. */
    private boolean closed;

    FaultInjectingFile(FaultInjectingDirectory directory, String name, SimulatedFile contents) {
        this.directory = directory;
        this.name = name;
        this.contents = contents;
    }

    @Override
    public Path path() {
        return directory.path().resolve(name);
    }

    @Override
    public void write(ByteBuffer source, long position) throws IOException {
        synchronized (directory) {
            checkOpen();
            contents.write(source, position);
            directory.countWrite();
        }
    }

    @Override
    public int read(ByteBuffer target, long position) throws IOException {
        synchronized (directory) {
            checkOpen();
            return contents.read(target, position);
        }
    }

    /**
     * A live read-only view of the simulated file, as a shared map is of a real one: later writes and
     * {@link FaultInjectingDirectory#flipBit} show through it, and it outlives {@link #close}.
     */
    @Override
    public ByteBuffer map(long position, long size) throws IOException {
        synchronized (directory) {
            checkOpen();
            if (position < 0 || size < 0 || position + size > contents.size()) {
                throw new IllegalArgumentException("cannot map " + size + " bytes at " + position + " of " + path()
                        + ", which has " + contents.size());
            }
            return contents.view((int) position, (int) size);
        }
    }

    /** Runs the directory's force hook (outside the monitor, so it may wait for other writers), then forces. */
    @Override
    public void force() throws IOException {
        directory.beforeForce(name);
        synchronized (directory) {
            checkOpen();
            directory.checkForceFault(path());
            contents.force();
            directory.countForce();
        }
    }

    @Override
    public long size() throws IOException {
        synchronized (directory) {
            checkOpen();
            return contents.size();
        }
    }

    @Override
    public void truncate(long size) throws IOException {
        synchronized (directory) {
            checkOpen();
            contents.truncate(size);
        }
    }

    @Override
    public void close() {
        synchronized (directory) {
            closed = true;
        }
    }

    /** Requires: the directory's monitor is held. */
    void closeByCrash() {
        closed = true;
    }

    private void checkOpen() throws IOException {
        if (closed) {
            throw new IOException(path() + " is closed (by close() or by a simulated crash)");
        }
    }

    @Override
    public String toString() {
        return "FaultInjectingFile[" + name + "]";
    }
}
