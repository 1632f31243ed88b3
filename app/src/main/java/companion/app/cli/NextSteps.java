package companion.app.cli;

import companion.app.workspace.Workspace;

/** What to do next, printed after a workspace is made or found. */
final class NextSteps {
    private NextSteps() {
    }

    static String forNewWorkspace(Workspace ws, String shown) {
        return "Made workspace " + shown + " at milestone 1 (key-value store).\n"
                + forWorkspace(ws, shown);
    }

    static String forWorkspace(Workspace ws, String shown) {
        return """
                Next:
                  1. read the lesson:        ./companion lesson -w %1$s   (or open %1$s/LESSON.md)
                  2. see what to build:      ./companion test -w %1$s
                  3. fill in the TODO(m%2$d) parts under %1$s/src/main/java/companion/database/
                  4. test again until every criterion passes, then: ./companion next -w %1$s
                """.formatted(shown, ws.state().milestone());
    }
}
