package companion.course.guidance.tutor;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A response body read with an idle limit: if no byte arrives for {@code idle}, the read fails with a
 * {@link TutorException} (TIMEOUT) instead of hanging on a server that stopped mid-reply.
 *
 * <p>Why a thread: a blocking {@code read} on the HTTP client's stream cannot be given a timeout, and closing the
 * stream from elsewhere is not guaranteed to wake it. So a daemon thread does the blocking reads and passes chunks
 * through a queue, and the caller waits on the queue with a deadline. On a timeout the stream is closed, which
 * ends the reader thread as soon as the connection gives up.
 */
final class LineFeed {
    /** The queue's end marker; an {@link IOException} in the queue is the reader's failure. */
    private static final Object END = new Object();

    private final InputStream in;
    private final Duration idle;
    private final String who;
    /** Chunks ({@code byte[]}), then {@link #END} or the IOException that stopped the reader. */
    private final BlockingQueue<Object> chunks = new LinkedBlockingQueue<>();
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private byte[] current = new byte[0];
    private int at;
    private boolean ended;

    LineFeed(InputStream in, Duration idle, String who) {
        this.in = in;
        this.idle = idle;
        this.who = who;
        Thread reader = new Thread(this::pump, "tutor-reply-reader");
        reader.setDaemon(true);
        reader.start();
    }

    private void pump() {
        byte[] buffer = new byte[8192];
        try {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                if (n > 0) {
                    chunks.add(java.util.Arrays.copyOf(buffer, n));
                }
            }
            chunks.add(END);
        } catch (IOException e) {
            chunks.add(e);
        }
    }

    /** The next line without its line ending, or null at the end of the body. */
    String next() throws IOException {
        while (true) {
            while (at < current.length) {
                byte b = current[at++];
                if (b == '\n') {
                    return takeLine();
                }
                line.write(b);
            }
            if (ended || !refill()) {
                ended = true;
                return line.size() > 0 ? takeLine() : null;
            }
        }
    }

    /** The whole rest of the body. */
    byte[] readAll() throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        all.write(current, at, current.length - at);
        while (!ended && refill()) {
            all.write(current);
        }
        ended = true;
        return all.toByteArray();
    }

    private String takeLine() {
        String text = line.toString(StandardCharsets.UTF_8);
        line.reset();
        return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
    }

    /** Waits for the next chunk; false at the end of the body. */
    private boolean refill() throws IOException {
        Object next;
        try {
            next = chunks.poll(idle.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TutorException(TutorException.Kind.TIMEOUT, "interrupted while reading the tutor's reply",
                    null, e);
        }
        if (next == null) {
            closeQuietly();
            throw new TutorException(TutorException.Kind.TIMEOUT, who + " sent nothing for "
                    + idle.toSeconds() + " s in the middle of its reply; try again, or raise \"timeoutSeconds\" in "
                    + TutorConfig.FILE);
        }
        if (next == END) {
            return false;
        }
        if (next instanceof IOException failure) {
            throw failure;
        }
        current = (byte[]) next;
        at = 0;
        return true;
    }

    private void closeQuietly() {
        try {
            in.close();
        } catch (IOException | UncheckedIOException ignored) {
            // closing is only to free the connection; the timeout is what the caller hears about
        }
    }
}
