package companion.app.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The top-level {@code companion} command. */
@Command(name = "companion", mixinStandardHelpOptions = true, version = "CS Companion 0.1.0",
        description = "Learn how databases work by building one, milestone by milestone.",
        subcommands = {StartCommand.class, ServeCommand.class, InitCommand.class, LessonCommand.class,
                TestCommand.class, BenchCommand.class, StatusCommand.class, NextCommand.class, ScaffoldCommand.class,
                DumpCommand.class, CrashTestCommand.class, HintCommand.class, TutorCommand.class})
public final class Companion implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Runs {@code args} and returns the exit status, without exiting: tests call this. */
    public static int execute(String... args) {
        CommandLine line = new CommandLine(new Companion());
        line.setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (e instanceof IllegalArgumentException || e instanceof IllegalStateException) {
                cmd.getErr().println("companion: " + e.getMessage());
                return 2;
            }
            throw e;
        });
        return line.execute(args);
    }
}
