package companion.app.cli;

import companion.app.workspace.Workspace;
import companion.course.catalog.Catalog;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code companion lesson [-m N]}: prints a milestone's lesson. */
@Command(name = "lesson", description = "Print the lesson of the current milestone (or of -m N).")
final class LessonCommand implements Callable<Integer> {
    @Mixin
    WorkspaceOption workspace;

    @Option(names = {"-m", "--milestone"}, paramLabel = "N",
            description = "Which milestone (default: the current one, or 1).")
    Integer milestone;

    @Override
    public Integer call() {
        Catalog catalog = Catalog.load();
        int number = milestone != null ? milestone : currentOrFirst();
        System.out.print(catalog.lesson(catalog.milestone(number)));
        return 0;
    }

    private int currentOrFirst() {
        java.nio.file.Path dir = Workspace.locate(workspace.dir);
        return Workspace.isWorkspace(dir) ? Workspace.open(dir).state().milestone() : 1;
    }
}
