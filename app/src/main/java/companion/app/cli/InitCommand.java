package companion.app.cli;

import companion.app.workspace.Workspace;
import companion.course.catalog.Catalog;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code companion init DIR}: a new workspace at milestone 1. */
@Command(name = "init", description = "Make a new workspace at milestone 1.")
final class InitCommand implements Callable<Integer> {
    @Parameters(paramLabel = "DIR", description = "Where to make it (must not exist, or be empty).")
    Path dir;

    @Override
    public Integer call() {
        Workspace ws = Workspace.create(dir, Catalog.load());
        System.out.println(NextSteps.forNewWorkspace(ws, dir.toString()));
        return 0;
    }
}
