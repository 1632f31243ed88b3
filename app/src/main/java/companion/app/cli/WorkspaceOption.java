package companion.app.cli;

import companion.app.workspace.Workspace;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The {@code -w DIR} option every command that acts on a workspace takes. */
final class WorkspaceOption {
    @Option(names = {"-w", "--workspace"}, paramLabel = "DIR",
            description = "The workspace (default: the current directory if it is one, else ./my-database).")
    Path dir;

    /** The workspace, opened; fails with how to make one when there is none. */
    Workspace open() {
        return Workspace.open(Workspace.locate(dir));
    }
}
