package companion.app.cli;

import companion.app.workspace.Workspace;
import companion.course.catalog.Catalog;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code companion start [DIR]}: the main job. Makes the workspace if it is absent and says what to do next.
 * The web dashboard it will serve is a later issue; until then this prints the command-line steps.
 */
@Command(name = "start", description = "Start here: make your workspace (default ./my-database) if needed.")
final class StartCommand implements Callable<Integer> {
    @Parameters(arity = "0..1", paramLabel = "DIR", description = "The workspace (default: ./my-database).")
    Path dir;

    @Option(names = "--port", paramLabel = "P", defaultValue = "7070",
            description = "Port of the dashboard, once it exists (default: 7070).")
    int port;

    @Override
    public Integer call() {
        Path target = dir != null ? dir : Workspace.DEFAULT_DIR;
        String shown = target.toString();
        if (Workspace.isWorkspace(target)) {
            Workspace ws = Workspace.open(target);
            System.out.println("Workspace " + shown + " is at milestone " + ws.state().milestone() + ".");
            System.out.println(NextSteps.forWorkspace(ws, shown));
        } else {
            System.out.println(NextSteps.forNewWorkspace(Workspace.create(target, Catalog.load()), shown));
        }
        System.out.println("(The web dashboard on 127.0.0.1:" + port + " is not built yet: use the commands above.)");
        return 0;
    }
}
