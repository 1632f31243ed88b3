package companion.course.crash;

import companion.course.runner.JavaCommand;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A child JVM of the crash harness: its standard output read line by line, its standard error kept in a file, a
 * deadline after which it is killed, and {@link #kill()}, which sends SIGKILL.
 *
 * <pre>{@code
 * try (ChildProcess child = ChildProcess.start(command, runDir.resolve("writer.err"), 120)) {
 *     for (Optional<String> line = child.readLine(); line.isPresent(); line = child.readLine()) {
 *         if (timeToDie(line.get())) child.kill();      // keep reading: lines already in the pipe still count
 *     }
 *     int status = child.waitForExit();                 // 137 = 128 + 9: it died of SIGKILL
 * }
 * }</pre>
 *
 * <p>On Linux {@link ProcessHandle#destroyForcibly()} (and {@link Process#destroyForcibly()}) is
 * {@code kill(pid, SIGKILL)}: {@code strace -f -e trace=kill} on a JDK 17 shows exactly that call, and the child's
 * exit status is then 137 (128 + signal 9; {@code destroy()} sends SIGTERM, giving 143). The harness records the
 * status of every kill, and the end-to-end test asserts 137.
 */
final class ChildProcess implements AutoCloseable {
    /** The exit status of a process that died of SIGKILL. */
    static final int KILLED_BY_SIGKILL = 128 + 9;

    private final Process process;
    private final InputStream stdout;
    private final Path stderr;
    private final AtomicBoolean overran = new AtomicBoolean();
    private final Thread watchdog;

    private ChildProcess(Process process, Path stderr, long deadlineSeconds) {
        this.process = process;
        this.stdout = new BufferedInputStream(process.getInputStream());
        this.stderr = stderr;
        this.watchdog = new Thread(() -> {
            try {
                if (!process.waitFor(deadlineSeconds, TimeUnit.SECONDS)) {
                    overran.set(true);
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt(); // closed before the deadline: nothing to do
            }
        }, "crash-child-deadline");
        watchdog.setDaemon(true);
        watchdog.start();
    }

    /**
     * Starts {@code java jvmOptions -cp classpath mainClass args}.
     *
     * @param closeStdin whether the child sees end-of-file on standard input at once (the writer does not: it
     *                   waits on it when it runs out of work)
     */
    static ChildProcess start(List<String> jvmOptions, String classpath, String mainClass, List<String> args,
                              Path stderr, boolean closeStdin, long deadlineSeconds) throws IOException {
        List<String> command = JavaCommand.of(jvmOptions, classpath, mainClass, args);
        Process process = new ProcessBuilder(command).redirectError(stderr.toFile()).start();
        if (closeStdin) {
            process.getOutputStream().close();
        }
        return new ChildProcess(process, stderr, deadlineSeconds);
    }

    /**
     * The next complete line of standard output, without its newline; empty at end of output. A last line with no
     * newline was cut short by the kill: it is dropped, as if never printed.
     */
    Optional<String> readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = stdout.read(); b >= 0; b = stdout.read()) {
            if (b == '\n') {
                return Optional.of(line.toString(StandardCharsets.UTF_8));
            }
            line.write(b);
        }
        return Optional.empty();
    }

    /**
     * Sends SIGKILL (see the class doc) and returns at once. What the child wrote before it died stays readable:
     * this goes through {@link ProcessHandle}, because {@link Process#destroyForcibly()} also closes the parent's
     * end of the pipes, and the lines still in the pipe (acks and intents printed just before death) would be lost.
     */
    void kill() {
        process.toHandle().destroyForcibly();
    }

    /** Waits for the child to end (the deadline kills it if need be) and returns its exit status. */
    int waitForExit() throws InterruptedException {
        return process.waitFor();
    }

    /** Whether the deadline passed and the watchdog killed the child. */
    boolean overran() {
        return overran.get();
    }

    /** The last few lines the child printed on standard error, joined with {@code " | "}. */
    String stderrTail() {
        try {
            List<String> lines = Files.readAllLines(stderr, StandardCharsets.UTF_8).stream()
                    .filter(l -> !l.isBlank() && !l.startsWith("WARNING:")).toList();
            String tail = String.join(" | ", lines.subList(Math.max(0, lines.size() - 4), lines.size()));
            return tail.isEmpty() ? "(nothing on standard error)" : tail;
        } catch (IOException e) {
            return "(standard error unreadable: " + e.getMessage() + ")";
        }
    }

    /** Kills the child if it is still running and stops the watchdog. */
    @Override
    public void close() throws IOException {
        process.destroyForcibly();
        watchdog.interrupt();
        try {
            process.waitFor(10, TimeUnit.SECONDS); // a SIGKILLed process is reaped in milliseconds
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        stdout.close();
        process.getOutputStream().close();
    }
}
