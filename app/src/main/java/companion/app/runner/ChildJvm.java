package companion.app.runner;

import companion.course.runner.JavaCommand;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Runs a child JVM to completion and streams its standard output, line by line, to the caller as it arrives:
 * the one way {@code companion} runs code it does not trust (criteria over a learner's store, benchmarks of any
 * engine). Standard input is closed, standard error goes to a temporary file, and a deadline kills the child
 * and everything it started if it never ends.
 */
public final class ChildJvm {
    private ChildJvm() {
    }

    /**
     * How the child ended.
     *
     * @param status the exit status (137 when this class killed it at the deadline)
     * @param killed true when the deadline passed and the child was killed
     * @param stderr everything it printed on standard error
     */
    public record Exit(int status, boolean killed, String stderr) {
    }

    /**
     * Starts {@code java jvmOptions -cp classpath mainClass args}, hands every stdout line to {@code onLine}, and
     * waits for the end (at most {@code deadlineSeconds}).
     */
    public static Exit run(List<String> jvmOptions, String classpath, String mainClass, List<String> args,
                           long deadlineSeconds, Consumer<String> onLine) {
        List<String> command = JavaCommand.of(jvmOptions, classpath, mainClass, args);
        Path stderr = null;
        try {
            stderr = Files.createTempFile("companion-child", ".err");
            Process child = new ProcessBuilder(command).redirectError(stderr.toFile()).start();
            child.getOutputStream().close();
            boolean[] killed = {false};
            Thread reaper = new Thread(() -> {
                try {
                    if (!child.waitFor(deadlineSeconds, TimeUnit.SECONDS)) {
                        killed[0] = true;
                        child.descendants().forEach(ProcessHandle::destroyForcibly);
                        child.destroyForcibly();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "companion-child-deadline");
            reaper.setDaemon(true);
            reaper.start();
            try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    onLine.accept(line);
                }
            }
            int status = child.waitFor();
            reaper.join();
            child.descendants().forEach(ProcessHandle::destroyForcibly); // a process the child started, say
            return new Exit(status, killed[0], Files.readString(stderr, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run a child JVM (" + mainClass + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while a child JVM ran", e);
        } finally {
            if (stderr != null) {
                try {
                    Files.deleteIfExists(stderr);
                } catch (IOException ignored) {
                    // a temporary file left behind is harmless
                }
            }
        }
    }

    /** The last few meaningful lines of {@code text}, joined, without the JDK's security-manager warnings. */
    public static String tail(String text) {
        List<String> lines = text.lines().filter(l -> !l.isBlank() && !l.startsWith("WARNING:")).toList();
        return String.join(" | ", lines.subList(Math.max(0, lines.size() - 4), lines.size()));
    }
}
