package companion.course.runner;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Collects what the code under test prints, up to {@link #LIMIT} bytes per criterion, so it can be shown beside
 * the criterion's result and can never corrupt the event stream. Thread-safe: a criterion's threads share it.
 */
final class CapturedOutput extends OutputStream {
    static final int LIMIT = 8 * 1024;

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private long dropped;

    /** A print stream over this capture, for {@link System#setOut} and {@link System#setErr}. */
    PrintStream printStream() {
        return new PrintStream(this, true, StandardCharsets.UTF_8);
    }

    @Override
    public synchronized void write(int b) {
        if (bytes.size() < LIMIT) {
            bytes.write(b);
        } else {
            dropped++;
        }
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) {
        int kept = Math.max(0, Math.min(len, LIMIT - bytes.size()));
        bytes.write(b, off, kept);
        dropped += len - kept;
    }

    /** What was printed since the last call, or null when nothing; empties the capture. */
    synchronized String take() {
        if (bytes.size() == 0) {
            return null;
        }
        String text = bytes.toString(StandardCharsets.UTF_8);
        if (dropped > 0) {
            text += "\n… " + dropped + " more bytes not kept";
        }
        bytes.reset();
        dropped = 0;
        return text;
    }
}
