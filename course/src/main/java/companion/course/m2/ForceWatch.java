package companion.course.m2;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import jdk.jfr.Event;
import jdk.jfr.Name;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;

/**
 * Watches, with JDK Flight Recorder, the writes and forces the engine makes to its files, to tell whether every
 * acknowledged write was forced before it was acknowledged. A kill cannot tell: the operating system keeps written
 * bytes across a killed process, and only a power cut loses what was not forced.
 *
 * <p>The JDK records a {@code jdk.FileWrite} event for every write through a FileChannel, RandomAccessFile or
 * FileOutputStream, and a {@code jdk.FileForce} event for every {@code FileChannel.force}; the watch adds an
 * {@code companion.Acknowledged} event each time a put returns. In time order, the events between two
 * acknowledgements must be: writes, then a force of the last written file.
 *
 * <pre>{@code
 * try (ForceWatch watch = ForceWatch.start(dir)) {
 *     for (int i = 0; i < 40; i++) { engine.put(k(i), v(i)); watch.acknowledged(i); }
 *     Optional<String> problem = watch.firstUnforcedAck(calls);   // calls.get(i): how put i is shown
 * }
 * }</pre>
 */
final class ForceWatch implements AutoCloseable {
    private final Path dir;
    private final Recording recording = new Recording();

    /** Marks the moment a write returned to its caller. */
    @Name("companion.Acknowledged")
    static final class Acknowledged extends Event {
        int index;
    }

    private ForceWatch(Path dir) {
        this.dir = dir.toAbsolutePath();
    }

    /** Starts recording the file events of this JVM; only those on files under {@code dir} count. */
    static ForceWatch start(Path dir) {
        ForceWatch watch = new ForceWatch(dir);
        watch.recording.enable("jdk.FileWrite").withThreshold(Duration.ZERO).withoutStackTrace();
        watch.recording.enable("jdk.FileForce").withThreshold(Duration.ZERO).withoutStackTrace();
        watch.recording.enable(Acknowledged.class).withoutStackTrace();
        watch.recording.start();
        return watch;
    }

    /** Records that write number {@code index} has just returned. */
    void acknowledged(int index) {
        Acknowledged event = new Acknowledged();
        event.index = index;
        event.begin();
        event.commit();
    }

    /**
     * Stops recording and checks each acknowledgement: after the previous one, the engine wrote to a file of the
     * store and then forced that file. Returns the first acknowledgement that breaks this, described, or empty.
     */
    Optional<String> firstUnforcedAck(List<String> what) {
        List<RecordedEvent> events = stop();
        List<RecordedEvent> between = new ArrayList<>();
        for (RecordedEvent event : events) {
            if (!event.getEventType().getName().equals("companion.Acknowledged")) {
                between.add(event);
                continue;
            }
            int index = event.getInt("index");
            Optional<String> problem = check(between, what.get(index));
            if (problem.isPresent()) {
                return problem;
            }
            between.clear();
        }
        return Optional.empty();
    }

    /** The file events between two acknowledgements: the last write must be followed by a force of its file. */
    private Optional<String> check(List<RecordedEvent> between, String call) {
        RecordedEvent lastWrite = null;
        for (RecordedEvent event : between) {
            if (event.getEventType().getName().equals("jdk.FileWrite")) {
                lastWrite = event;
            }
        }
        if (lastWrite == null) {
            return Optional.of(call + " returned without writing to any file of the store first (a write through"
                    + " a memory-mapped file cannot be seen here: use FileChannel.write)");
        }
        String file = lastWrite.getString("path");
        for (RecordedEvent event : between) {
            if (event.getEventType().getName().equals("jdk.FileForce") && file.equals(event.getString("path"))
                    && !event.getStartTime().isBefore(lastWrite.getEndTime())) {
                return Optional.empty();
            }
        }
        return Optional.of(call + " wrote to " + dir.relativize(Path.of(file)) + " and returned with no force of"
                + " that file after the write (events in order: " + describe(between) + ")");
    }

    private String describe(List<RecordedEvent> events) {
        List<String> shown = new ArrayList<>();
        for (RecordedEvent event : events) {
            String name = Path.of(event.getString("path")).getFileName().toString();
            shown.add(event.getEventType().getName().equals("jdk.FileWrite")
                    ? "write " + event.getLong("bytesWritten") + " bytes to " + name : "force " + name);
        }
        return shown.isEmpty() ? "none" : String.join(", ", shown.subList(0, Math.min(6, shown.size())))
                + (shown.size() > 6 ? ", …" : "");
    }

    /** Stops the recording; its events on the store's files and the acknowledgements, in time order. */
    private List<RecordedEvent> stop() {
        try {
            Path file = Files.createTempFile("durable-ack", ".jfr");
            try {
                recording.stop();
                recording.dump(file);
                List<RecordedEvent> events = new ArrayList<>();
                for (RecordedEvent event : RecordingFile.readAllEvents(file)) {
                    if (event.getEventType().getName().equals("companion.Acknowledged") || onStoreFile(event)) {
                        events.add(event);
                    }
                }
                events.sort(Comparator.comparing(RecordedEvent::getStartTime));
                return events;
            } finally {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the flight recording of the engine's file events", e);
        }
    }

    private boolean onStoreFile(RecordedEvent event) {
        if (!event.hasField("path") || event.getString("path") == null) {
            return false;
        }
        return Path.of(event.getString("path")).toAbsolutePath().startsWith(dir);
    }

    @Override
    public void close() {
        recording.close();
    }
}
