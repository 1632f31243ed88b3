package companion.app.cli;

import companion.app.workspace.Workspace;
import companion.course.catalog.Catalog;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code companion start [DIR]}: the main job. Makes the workspace if it is absent, serves the dashboard on
 * 127.0.0.1:7070 (or {@code --port}), prints its URL and runs until stopped.
 */
@Command(name = "start",
        description = "Start here: make your workspace (default ./my-database) if needed and open the dashboard.")
final class StartCommand implements Callable<Integer> {
    @Parameters(arity = "0..1", paramLabel = "DIR", description = "The workspace (default: ./my-database).")
    Path dir;

    @Mixin
    DashboardOptions dashboard;

    @Override
    public Integer call() throws InterruptedException {
        Path target = dir != null ? dir : Workspace.DEFAULT_DIR;
        String shown = target.toString();
        Workspace ws;
        if (Workspace.isWorkspace(target)) {
            ws = Workspace.open(target);
            System.out.println("Workspace " + shown + " is at milestone " + ws.state().milestone() + ".");
            System.out.println(NextSteps.forWorkspace(ws, shown));
        } else {
            ws = Workspace.create(target, Catalog.load());
            System.out.println(NextSteps.forNewWorkspace(ws, shown));
        }
        return dashboard.serve(ws);
    }
}
