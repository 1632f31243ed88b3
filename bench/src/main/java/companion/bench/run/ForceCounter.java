package companion.bench.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordingFile;

/**
 * Counts {@code FileChannel.force} calls (fsync / fdatasync from Java) over a stretch of code, with the JDK's own
 * Flight Recorder event {@code jdk.FileForce}, recorded with no threshold so that every call is seen.
 *
 * <p>It sees what Java code forces: the reference, the learner's store, H2. Native engines (RocksDB, LMDB, SQLite)
 * and memory-mapped flushes (MapDB's msync) call the OS directly and are not counted; their results carry no
 * fsync figure rather than a wrong one. The recording starts before and stops after the timed loop, so it adds
 * only the cost of emitting one event per force, the same for every engine it sees.
 */
final class ForceCounter implements AutoCloseable {
    private static final String EVENT = "jdk.FileForce";

    private final Recording recording = new Recording();

    /** Starts counting. */
    ForceCounter() {
        recording.enable(EVENT).withThreshold(Duration.ZERO).withoutStackTrace();
        recording.setToDisk(true);
        recording.start();
    }

    /** Stops counting and returns how many forces happened since the constructor. */
    long stop() {
        recording.stop();
        Path file = null;
        try {
            file = Files.createTempFile("companion-forces", ".jfr");
            recording.dump(file);
            long count = 0;
            try (RecordingFile events = new RecordingFile(file)) {
                while (events.hasMoreEvents()) {
                    if (events.readEvent().getEventType().getName().equals(EVENT)) {
                        count++;
                    }
                }
            }
            return count;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the flight recording of fsync calls", e);
        } finally {
            if (file != null) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException ignored) {
                    // a temporary file left behind is harmless
                }
            }
        }
    }

    @Override
    public void close() {
        recording.close();
    }
}
