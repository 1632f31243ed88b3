package companion.app.cli;

import companion.app.workspace.Progress;
import companion.app.workspace.Workspace;
import companion.app.workspace.WorkspaceState;
import companion.course.catalog.Catalog;
import companion.course.catalog.Milestone;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code companion status}: the five milestones and where the learner stands in each. */
@Command(name = "status", description = "Show your progress across the milestones.")
final class StatusCommand implements Callable<Integer> {
    @Mixin
    WorkspaceOption workspace;

    @Override
    public Integer call() {
        Workspace ws = workspace.open();
        WorkspaceState state = ws.state();
        Progress progress = Progress.of(ws);
        System.out.println("workspace " + ws.root() + " · current milestone " + state.milestone());
        for (Milestone m : Catalog.load().milestones()) {
            String where;
            if (!m.available()) {
                where = "not yet available";
            } else if (!state.unlocked().contains(m.number())) {
                where = "locked";
            } else if (progress.passed(m)) {
                where = "passed";
            } else if (progress.untested(m)) {
                where = "in progress, not tested yet";
            } else {
                where = "in progress, " + progress.passing(m) + " of " + m.criteria().size() + " criteria passing";
            }
            System.out.printf("  %d  %-20s %-45s scaffold %2.0f %%%n", m.number(), m.title(), where,
                    m.scaffoldTarget() * 100);
        }
        printHints(progress);
        return 0;
    }

    /** {@code hints used: 3 (put-and-get to level 2, delete-key to level 1)}; nothing when none were used. */
    private static void printHints(Progress progress) {
        if (progress.hintLevels().isEmpty()) {
            return;
        }
        int used = progress.hintLevels().values().stream().mapToInt(Integer::intValue).sum();
        StringBuilder line = new StringBuilder("hints used: " + used + " (");
        progress.hintLevels().forEach((id, level) -> line.append(id).append(" to level ").append(level).append(", "));
        line.setLength(line.length() - 2);
        System.out.println(line.append(")"));
    }
}
