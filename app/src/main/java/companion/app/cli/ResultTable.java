package companion.app.cli;

import companion.course.catalog.Catalog;
import companion.course.catalog.Milestone;
import companion.course.runner.CriterionResult;
import companion.course.runner.Status;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Prints criterion results as they arrive, the way DESIGN.md shows them: a heading per milestone, one row per
 * criterion, and under a failure its did / expected / got / note / repro lines.
 */
final class ResultTable {
    /** The longest criterion id of the course, so that every row's times and messages line up. */
    private static final int ID_WIDTH = Catalog.load().milestones().stream()
            .flatMap(m -> m.criteria().stream()).mapToInt(c -> c.id().length()).max().orElse(20);
    private static final String INDENT = " ".repeat(4 + ID_WIDTH + 1);

    private final PrintStream out;
    private final boolean color;
    private final List<CriterionResult> current = new ArrayList<>();
    private Milestone milestone;

    ResultTable(PrintStream out, boolean color) {
        this.out = out;
        this.color = color;
    }

    /** Whether to colour output: a terminal, and neither NO_COLOR nor CI set. */
    static boolean colorWanted() {
        return System.console() != null && System.getenv("NO_COLOR") == null && System.getenv("CI") == null;
    }

    void heading(Milestone next) {
        finishMilestone();
        milestone = next;
        out.println();
        out.println("milestone " + next.number() + " · " + next.title().toLowerCase(java.util.Locale.ROOT));
    }

    void row(CriterionResult result) {
        current.add(result);
        String icon = paint(result.status(), result.status().icon());
        String id = String.format("%-" + ID_WIDTH + "s", result.id());
        if (result.passed()) {
            out.println("  " + icon + " " + id + " " + result.millis() + " ms");
            return;
        }
        if (result.todo() != null) {
            // A starter TODO: one line is enough ("not written yet", and where), not a did/expected/got block.
            out.println("  " + icon + " " + id + " not written yet: " + result.todo());
            return;
        }
        List<String> lines = new ArrayList<>();
        if (result.did() != null) {
            labelled(lines, "did:      ", result.did());
            labelled(lines, "expected: ", result.expected());
            labelled(lines, "got:      ", result.got());
            if (result.note() != null) {
                labelled(lines, "note:     ", result.note());
            }
        } else {
            result.message().lines().forEach(lines::add);
        }
        if (result.output() != null) {
            String first = result.output().lines().findFirst().orElse("");
            lines.add("printed:  " + first + (result.output().lines().count() > 1 ? " …" : ""));
        }
        if (result.status() != Status.ERROR || result.did() != null) {
            lines.add("repro:    " + result.repro());
        }
        lines.add("next:     companion hint " + result.id());
        out.println("  " + icon + " " + id + " " + lines.get(0));
        lines.subList(1, lines.size()).forEach(line -> out.println(INDENT + line));
    }

    /** Adds {@code text} under {@code label}, continuation lines aligned under the first. */
    private static void labelled(List<String> lines, String label, String text) {
        List<String> parts = text.lines().toList();
        lines.add(label + (parts.isEmpty() ? "" : parts.get(0)));
        String pad = " ".repeat(label.length());
        parts.stream().skip(1).forEach(part -> lines.add(pad + part));
    }

    /** Prints the count line of the milestone being shown, if any. */
    void finishMilestone() {
        if (milestone != null) {
            long passed = current.stream().filter(CriterionResult::passed).count();
            out.println("  " + passed + " of " + current.size() + " passed");
        }
        current.clear();
        milestone = null;
    }

    private String paint(Status status, String text) {
        if (!color) {
            return text;
        }
        String code = switch (status) {
            case PASSED -> "32";
            case FAILED, ERROR -> "31";
            case TIMEOUT -> "33";
        };
        return "\u001b[" + code + "m" + text + "\u001b[0m";
    }
}
