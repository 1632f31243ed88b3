package companion.app.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import companion.course.catalog.CriterionSpec;
import companion.course.catalog.Milestone;
import companion.course.runner.CriterionResult;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A criterion from the catalog joined with its latest result, as the page shows it (docs/dashboard-api.md).
 *
 * @param status   passed, failed, error, timeout, or not-run
 * @param location the learner's source line the failure points at, or null
 */
record CriterionView(String id, int milestone, String title, String checks, String status, Long millis,
                     String message, String did, String expected, String got, String note, String todo, String repro,
                     Location location) {

    /** A line in a source file, relative to {@code src/main/java}. */
    record Location(String file, int line) {
    }

    /** {@code KVStore.java:41}, the form failures use to point at the learner's code. */
    private static final Pattern LINE = Pattern.compile("([A-Za-z_$][\\w$]*\\.java):(\\d+)");

    /** A criterion that has not run yet. */
    static CriterionView notRun(Milestone milestone, CriterionSpec spec) {
        return new CriterionView(spec.id(), milestone.number(), spec.title(), spec.checks(), "not-run", null, null,
                null, null, null, null, null, null, null);
    }

    /** A criterion with a result that has just arrived. */
    static CriterionView of(Milestone milestone, CriterionSpec spec, CriterionResult r, List<String> files) {
        return new CriterionView(spec.id(), milestone.number(), spec.title(), spec.checks(), r.status().word(),
                r.millis(), r.message(), r.did(), r.expected(), r.got(), r.note(), r.todo(),
                r.passed() ? null : r.repro(), r.passed() ? null : locate(files, r.todo(), r.got(), r.message()));
    }

    /** A criterion with its result as the history recorded it (older lines may lack the message fields). */
    static CriterionView ofHistory(Milestone milestone, CriterionSpec spec, JsonNode r, long seed, List<String> files) {
        String status = r.path("status").asText("not-run");
        boolean passed = status.equals("passed");
        String todo = text(r, "todo");
        String got = text(r, "got");
        String message = text(r, "message");
        return new CriterionView(spec.id(), milestone.number(), spec.title(), spec.checks(), status,
                r.has("millis") ? r.path("millis").asLong() : null, message, text(r, "did"), text(r, "expected"), got,
                text(r, "note"), todo, passed ? null : "companion test --only " + spec.id() + " --seed " + seed,
                passed ? null : locate(files, todo, got, message));
    }

    private static String text(JsonNode node, String field) {
        return node.hasNonNull(field) ? node.path(field).asText() : null;
    }

    /** The first {@code Name.java:line} in the texts that names one of the learner's files. */
    static Location locate(List<String> files, String... texts) {
        for (String text : texts) {
            if (text == null) {
                continue;
            }
            Matcher m = LINE.matcher(text);
            while (m.find()) {
                String name = m.group(1);
                for (String file : files) {
                    if (file.equals(name) || file.endsWith("/" + name)) {
                        return new Location(file, Integer.parseInt(m.group(2)));
                    }
                }
            }
        }
        return null;
    }
}
