package companion.app.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code companion serve [-w DIR] [--port P]}: the dashboard alone, for an existing workspace. */
@Command(name = "serve", description = "Serve the dashboard for an existing workspace.")
final class ServeCommand implements Callable<Integer> {
    @Mixin
    WorkspaceOption workspace;

    @Mixin
    DashboardOptions dashboard;

    @Override
    public Integer call() throws InterruptedException {
        return dashboard.serve(workspace.open());
    }
}
