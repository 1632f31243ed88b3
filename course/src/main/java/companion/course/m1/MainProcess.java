package companion.course.m1;

import companion.course.criteria.CriterionFailure;
import companion.course.criteria.Subject;
import companion.course.runner.JavaCommand;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs the subject's {@code Main} as a separate process, one operation per run, the way a user would from a shell,
 * and fails the criterion if it does not exit with status 0 within {@link #DEADLINE_SECONDS}.
 */
final class MainProcess {
    static final int DEADLINE_SECONDS = 10;
    /** A starter TODO's exception in the process's stack trace. */
    private static final Pattern TODO = Pattern.compile("UnsupportedOperationException: (TODO\\(m\\d\\):[^\\n]*)");

    private final Subject subject;
    private final Path workDir;
    private final List<String> did = new ArrayList<>();

    /** What one run printed. */
    record Outcome(int status, String stdout, String stderr) {
    }

    MainProcess(Subject subject, Path workDir) {
        this.subject = subject;
        this.workDir = workDir;
    }

    /** The runs so far, e.g. {@code run Main store.db put greeting hello (exit 0)}. */
    String did() {
        return String.join(", ", did);
    }

    /**
     * Runs {@code Main args...} and waits for it to exit.
     *
     * @throws CriterionFailure if it outlives the deadline or exits with a status other than 0
     */
    Outcome run(String... args) throws IOException, InterruptedException {
        List<String> command = JavaCommand.of(subject.jvmOptions(), subject.classpath(), subject.mainClass(),
                List.of(args));
        String shown = "run Main " + String.join(" ", List.of(args).stream().map(this::shortArg).toList());
        did.add(shown);

        // Output goes to files, not pipes: a chatty program cannot block on a full pipe while we wait for it.
        Path out = Files.createTempFile(workDir, "main", ".out");
        Path err = Files.createTempFile(workDir, "main", ".err");
        Process process = new ProcessBuilder(command).directory(workDir.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.PIPE)
                .start();
        process.getOutputStream().close(); // no input: a program waiting on stdin sees end-of-file at once
        if (!process.waitFor(DEADLINE_SECONDS, TimeUnit.SECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            throw new CriterionFailure(did(), "the program to exit by itself within " + DEADLINE_SECONDS + " s",
                    "it was still running after " + DEADLINE_SECONDS + " s and was killed",
                    "after main returns, a non-daemon thread that is still running keeps the JVM alive:"
                            + " stop your threads in close(), or make them daemon threads");
        }
        Outcome outcome = new Outcome(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
        did.set(did.size() - 1, shown + " (exit " + outcome.status() + ")");
        if (outcome.status() != 0) {
            Matcher todo = TODO.matcher(outcome.stderr());
            throw new CriterionFailure(did(), "exit status 0", "exit status " + outcome.status()
                    + stderrTail(outcome.stderr()), "a program that succeeded returns from main (or exits 0);"
                    + " an uncaught exception or System.exit(1) gives another status",
                    todo.find() ? todo.group(1) + " (in the Main process)" : null);
        }
        return outcome;
    }

    private String shortArg(String arg) {
        return arg.contains("/") ? Path.of(arg).getFileName().toString() : arg;
    }

    /** The first few lines of what the program printed to stderr, where a learner's exception shows. */
    private static String stderrTail(String stderr) {
        List<String> lines = stderr.lines().filter(l -> !l.isBlank()).map(String::strip).limit(3).toList();
        String text = String.join(" | ", lines);
        return lines.isEmpty() ? "" : "; it printed: " + (text.length() > 300 ? text.substring(0, 300) + " …" : text);
    }
}
