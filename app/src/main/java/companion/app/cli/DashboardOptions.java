package companion.app.cli;

import companion.app.dashboard.DashboardServer;
import companion.app.workspace.Workspace;
import picocli.CommandLine.Option;

/** The options of the commands that serve the dashboard ({@code start}, {@code serve}), and serving itself. */
final class DashboardOptions {
    @Option(names = "--port", paramLabel = "P", defaultValue = "7070",
            description = "Port (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--host", paramLabel = "H", defaultValue = "127.0.0.1",
            description = "Address to listen on (default: ${DEFAULT-VALUE}, this machine only).")
    String host;

    /** Serves {@code ws} until the process is stopped; prints the URL first. */
    int serve(Workspace ws) throws InterruptedException {
        if (!DashboardServer.isLoopback(host)) {
            System.err.println("warning: listening on " + host + ": anyone who can reach this port can run code in "
                    + ws.root() + ". Use the default 127.0.0.1 unless you know you need this.");
        }
        try (DashboardServer server = DashboardServer.start(ws, host, port)) {
            System.out.println("Dashboard: " + server.url() + "   (Ctrl-C to stop)");
            server.join();
        }
        return 0;
    }
}
