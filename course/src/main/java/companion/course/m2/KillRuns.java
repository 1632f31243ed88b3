package companion.course.m2;

import companion.api.Durability;
import companion.course.criteria.CriterionFailure;
import companion.course.criteria.Subject;
import companion.course.crash.CrashPlan;
import companion.course.crash.CrashTest;
import companion.course.crash.CrashWriter;
import companion.course.crash.RunResult;
import companion.course.crash.Violation;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The kill-based criteria: runs of the crash harness ({@link CrashTest}) against the subject's engine, each a child
 * JVM that writes and is killed with SIGKILL, then a second that reopens the store and reads every key. The first run
 * with a violation becomes the criterion's failure, with the command that replays it alone.
 */
final class KillRuns {
    /** A starter TODO as the children report it: {@code TODO(m2): Class.method, see LESSON.md step K}. */
    private static final Pattern TODO = Pattern.compile("TODO\\(m\\d\\): [^,]+(, see LESSON\\.md step \\d+)?");
    private final Subject subject;
    private final Durability durability;
    private final int compactPercent;

    /**
     * @param compactPercent how many of thread 0's operations compact, in percent (see {@link CrashWriter})
     */
    KillRuns(Subject subject, Durability durability, int compactPercent) {
        this.subject = subject;
        this.durability = durability;
        this.compactPercent = compactPercent;
    }

    /** Runs {@code runs} runs from the subject's seed in {@code scratch}; fails the criterion at the first violation. */
    void expectNoViolations(int runs, Path scratch) {
        List<String> options = new ArrayList<>(CrashTest.JVM_OPTIONS);
        options.addAll(subject.jvmOptions());
        options.add("-D" + CrashWriter.COMPACT_PERCENT + "=" + compactPercent);
        CrashTest test = new CrashTest(new CrashTest.Target(subject.classpath(), subject.storageEngine().spec(),
                options), durability, scratch);
        for (int i = 0; i < runs; i++) {
            long seed = CrashPlan.runSeed(subject.seed(), i);
            RunResult run;
            try {
                run = test.run(i, seed);
            } catch (IllegalStateException cannotStart) {
                throw new CriterionFailure(story(i, runs, seed, CrashPlan.of(seed)), "the writer JVM to open a fresh"
                        + " engine and start writing", cannotStart.getMessage(), null, todoIn(cannotStart.getMessage()));
            }
            if (!run.passed()) {
                throw failure(run, runs);
            }
        }
    }

    private CriterionFailure failure(RunResult run, int runs) {
        List<Violation> shown = run.violations().subList(0, Math.min(3, run.violations().size()));
        String got = shown.stream().map(v -> v.render().lines().map(String::strip)
                .collect(Collectors.joining(" "))).collect(Collectors.joining("; "))
                + (run.violations().size() > shown.size() ? "; and " + (run.violations().size() - shown.size())
                + " more" : "");
        String replay = "companion crash-test --runs 1 --seed " + run.seed() + " --durability " + durability.word()
                + (compactPercent != CrashWriter.DEFAULT_COMPACT_PERCENT ? " --compact-percent " + compactPercent : "");
        return new CriterionFailure(story(run.index(), runs, run.seed(), run.plan()) + ", killed with "
                + run.kill().describe() + ", then reopened in a fresh JVM",
                "every acknowledged write back with its latest value, no value that was never written, every batch"
                        + " whole", got, "replay this run alone: " + replay + run.keptAt().map(d -> "; its files are"
                        + " kept in " + d).orElse(""), todoIn(got));
    }

    /** The starter TODO a child reached, if its report names one: the criterion is then "not written yet". */
    private static String todoIn(String text) {
        Matcher todo = TODO.matcher(String.valueOf(text));
        return todo.find() ? todo.group() : null;
    }

    private String story(int index, int runs, long seed, CrashPlan plan) {
        return "run " + (index + 1) + " of " + runs + " (seed " + seed + "): a child JVM opened your engine at "
                + durability.word() + " and wrote from " + plan.threads() + " thread" + (plan.threads() > 1 ? "s" : "")
                + " (puts, deletes, batches" + (compactPercent > CrashWriter.DEFAULT_COMPACT_PERCENT
                ? ", and compact() as " + compactPercent + "% of thread 0's calls" : "") + ")";
    }
}
