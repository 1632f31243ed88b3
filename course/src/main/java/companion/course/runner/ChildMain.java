package companion.course.runner;

import companion.course.catalog.Catalog;
import companion.course.catalog.CriterionSpec;
import companion.course.catalog.Milestone;
import companion.course.criteria.Subject;
import java.io.FileOutputStream;
import java.io.FileDescriptor;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * The entry point of the child JVM that runs criteria against the code on its classpath (the learner's compiled
 * workspace, or the reference database): {@code ChildMain --seed 42 --criteria put-and-get,get-missing-key}.
 * It prints one {@link Event} line per start and finish on standard output; see the package doc.
 */
public final class ChildMain {
    /** Exit status when every listed criterion was reported. */
    static final int DONE = 0;

    private final PrintStream events;
    private final ExitGuard guard = new ExitGuard();
    private final Object reportLock = new Object();
    /** Guarded by {@link #reportLock}: whether the running criterion's result has been printed. */
    private boolean reported = true;

    private ChildMain(PrintStream events) {
        this.events = events;
    }

    public static void main(String[] args) {
        List<String> criteria = List.of();
        long seed = 42;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--criteria" -> criteria = Arrays.asList(args[i + 1].split(","));
                case "--seed" -> seed = Long.parseLong(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        // Events go to the real standard output; System.out and System.err become the learner's capture.
        PrintStream events = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        new ChildMain(events).runAll(criteria, seed);
    }

    private void runAll(List<String> ids, long seed) {
        ExitGuard.install(guard); // where the JDK refuses, the parent copes with an exit (see the class doc)
        CapturedOutput captured = new CapturedOutput();
        PrintStream capture = captured.printStream();
        System.setOut(capture);
        System.setErr(capture);
        Watchdog watchdog = new Watchdog(new Watchdog.Reporter() {
            @Override
            public boolean report(CriterionResult result) {
                return ChildMain.this.report(result);
            }

            @Override
            public void halt() {
                exit(DONE);
            }
        });
        watchdog.start();

        Catalog catalog = Catalog.load();
        CriterionRunner runner = new CriterionRunner();
        for (String id : ids) {
            Milestone milestone = catalog.milestoneOf(id);
            CriterionSpec spec = milestone.criterion(id).orElseThrow();
            synchronized (reportLock) {
                reported = false;
                events.println(Event.started(id).toLine());
            }
            CriterionResult result;
            try {
                Subject.use(subjectFor(milestone, seed));
                watchdog.watch(id, milestone.number(), spec.title(), seed, spec.timeoutSeconds());
                result = runner.run(milestone, spec);
            } catch (IllegalArgumentException | IllegalStateException e) {
                result = CriterionResult.of(id, milestone.number(), spec.title(), Status.ERROR, e.getMessage(), 0, seed);
            } finally {
                watchdog.clear();
            }
            report(result.withOutput(captured.take()));
        }
        exit(DONE);
    }

    /** Prints {@code result} unless the running criterion was already reported; true if this call printed it. */
    private boolean report(CriterionResult result) {
        synchronized (reportLock) {
            if (reported) {
                return false;
            }
            reported = true;
            events.println(Event.finished(result).toLine());
            events.flush();
            return true;
        }
    }

    /** The learner's code on this JVM's classpath, reached as the milestone's catalog entry says. */
    private static Subject subjectFor(Milestone milestone, long seed) {
        ClassLoader loader = ClassLoader.getSystemClassLoader();
        String classpath = System.getProperty("java.class.path");
        if (milestone.number() == 1) {
            Subject.Opener opener = Subject.reflectiveOpener(milestone.entry().openerClass(),
                    milestone.entry().openerMethod(), loader);
            return Subject.ofStore("your code", opener, milestone.entry().main(), classpath, List.of(), seed);
        }
        return Subject.ofEngine("your code", Subject.Engine.reflective(milestone.entry().opener(), loader), classpath,
                List.of(), seed);
    }

    /** Ends the JVM now, whatever threads the code under test left running. */
    private void exit(int status) {
        guard.allowExit();
        events.flush();
        Runtime.getRuntime().halt(status);
    }
}
