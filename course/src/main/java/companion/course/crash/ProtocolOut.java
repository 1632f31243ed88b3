package companion.course.crash;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The crash writer's and verifier's channel to the parent: their real standard output, one protocol line per
 * {@code write(2)}. {@link #claimStdout()} points {@code System.out} at standard error, so whatever the engine under
 * test prints cannot be mistaken for the protocol.
 *
 * <pre>{@code
 * ProtocolOut out = ProtocolOut.claimStdout();
 * out.println("opened");     // reaches the parent's pipe before println returns
 * }</pre>
 *
 * <p>Each line, newline included, goes out in a single unbuffered write under a lock: lines of concurrent threads
 * never interleave, and a line is in the pipe (in the kernel, safe from the coming SIGKILL) before the caller moves
 * on. A kill during the write can still cut a line short; the parent drops a last line with no newline.
 */
final class ProtocolOut {
    /** Exit status when the parent is gone (the pipe is closed): nothing left to report to. */
    static final int PARENT_GONE = 4;

    private final FileOutputStream out = new FileOutputStream(FileDescriptor.out);

    private ProtocolOut() {
    }

    /** Takes over standard output for the protocol, and sends {@code System.out} to standard error. */
    static ProtocolOut claimStdout() {
        System.setOut(System.err);
        return new ProtocolOut();
    }

    /** Writes {@code line} and a newline in one write, and returns once the pipe has them. */
    synchronized void println(String line) {
        try {
            out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            Runtime.getRuntime().halt(PARENT_GONE);
        }
    }

    /** {@code t} on one line: its class and message, then its first frame, for {@code fatal} and {@code error}. */
    static String describe(Throwable t) {
        StringBuilder s = new StringBuilder(t.toString());
        if (t.getStackTrace().length > 0) {
            s.append(" at ").append(t.getStackTrace()[0]);
        }
        if (t.getCause() != null && t.getCause() != t) {
            s.append(" | caused by ").append(t.getCause());
        }
        return s.toString().replaceAll("\\s*[\\r\\n]+\\s*", " | ");
    }
}
