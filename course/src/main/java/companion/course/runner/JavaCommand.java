package companion.course.runner;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command line that starts a child JVM with this JVM's own {@code java}: every child the tools start (criteria,
 * the learner's {@code Main}, crash writers and verifiers, benchmarks) is started the same way.
 */
public final class JavaCommand {
    private JavaCommand() {
    }

    /** {@code <java.home>/bin/java jvmOptions... -cp classpath mainClass args...}. */
    public static List<String> of(List<String> jvmOptions, String classpath, String mainClass, List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(classpath);
        command.add(mainClass);
        command.addAll(args);
        return command;
    }
}
