package companion.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import companion.app.guidance.Guidance;
import companion.app.workspace.Workspace;
import companion.course.catalog.Catalog;
import companion.course.guidance.Hint;
import companion.course.guidance.HintBook;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code companion hint [CRITERION]}: the next offline hint for a failing criterion (the first failing one of the
 * last run when none is named). Each call climbs the ladder by at most one level, and only after another failed run
 * of that criterion or a few minutes; every hint shown is recorded in the workspace history.
 *
 * <pre>
 * put-and-get · hint 1 of 4 (concept)
 *
 *   A store remembers things. After put has returned, where exactly is the value kept, ...
 *
 * Hint 2 unlocks after another failed run of put-and-get (companion test), or in 3 min.
 * </pre>
 */
@Command(name = "hint", description = "The next hint for a failing criterion (default: the first failing one).")
final class HintCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Mixin
    WorkspaceOption workspace;

    @Parameters(arity = "0..1", paramLabel = "CRITERION", description = "The criterion id, e.g. put-and-get.")
    String criterion;

    @Option(names = "--json", description = "Print the hint as one JSON document.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        Workspace ws = workspace.open();
        Guidance guidance = new Guidance(ws, Catalog.load(), HintBook.load(), Clock.systemUTC());
        String id = criterion != null ? criterion : guidance.firstFailing().orElse(null);
        if (id == null) {
            boolean tested = ws.history().entries().stream().anyMatch(e -> "test".equals(e.path("kind").asText()));
            return nothingToHint(null, tested ? "Every criterion passed in your last run: no hint needed."
                    : "No test run yet: run `companion test` first, or name a criterion, e.g."
                    + " `companion hint put-and-get`.");
        }
        if (guidance.passedLastRun(id)) {
            return nothingToHint(id, id + " passed in your last run: no hint needed.");
        }
        Guidance.Shown shown = guidance.next(id);
        if (json) {
            System.out.println(JSON.writeValueAsString(shown.document()));
        } else {
            print(shown);
        }
        return 0;
    }

    /** Says why there is no hint; with --json as {@code {"criterion": id or null, "message": "..."}}. */
    private int nothingToHint(String id, String message) throws Exception {
        if (json) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("criterion", id);
            doc.put("message", message);
            System.out.println(JSON.writeValueAsString(doc));
        } else {
            System.out.println(message);
        }
        return 0;
    }

    private static void print(Guidance.Shown shown) {
        Hint hint = shown.hint();
        System.out.println(hint.heading() + (shown.advanced() ? "" : " · again"));
        System.out.println();
        hint.text().lines().forEach(line -> System.out.println("  " + line));
        System.out.println();
        System.out.println(shown.next());
    }
}
