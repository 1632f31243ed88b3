package companion.app.cli;

import companion.app.workspace.Progress;
import companion.app.workspace.Workspace;
import companion.course.catalog.Catalog;
import companion.course.catalog.Milestone;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code companion next}: unlocks the next milestone once the current one passes. */
@Command(name = "next", description = "Unlock the next milestone once the current one passes.")
final class NextCommand implements Callable<Integer> {
    @Mixin
    WorkspaceOption workspace;

    @Override
    public Integer call() {
        Catalog catalog = Catalog.load();
        Workspace ws = workspace.open();
        Milestone current = catalog.milestone(ws.state().milestone());
        Progress progress = Progress.of(ws);
        if (!progress.passed(current)) {
            System.out.println("Milestone " + current.number() + " is not passed yet: " + progress.passing(current)
                    + " of " + current.criteria().size() + " criteria passed on their last run."
                    + " Run companion test until all pass.");
            return 1;
        }
        if (current.number() == catalog.milestones().size()) {
            System.out.println("You have passed every milestone: your database is complete.");
            return 0;
        }
        Milestone next = catalog.milestone(current.number() + 1);
        if (!next.available()) {
            System.out.println("Milestone " + current.number() + " passed. Milestone " + next.number() + " ("
                    + next.title() + ") is not yet available in this version of CS Companion.");
            return 0;
        }
        List<String> beside = ws.unlock(next, catalog);
        System.out.println("Unlocked milestone " + next.number() + " (" + next.title() + "): read LESSON.md.");
        beside.forEach(line -> System.out.println("  " + line));
        return 0;
    }
}
