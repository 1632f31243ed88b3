package companion.course.guidance;

import com.fasterxml.jackson.databind.JsonNode;
import companion.course.runner.CriterionResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a hint reads of one failed run of a criterion: the parts of its {@link CriterionResult}.
 *
 * <p>A criterion's {@code did} lists the steps it took, comma-separated, the failing one last
 * ({@code open a new store file, put("a", "1"), get("a")}); {@code got} says how the step went wrong, and when it
 * threw, names the exception and the learner's line ({@code threw NullPointerException: key, in KVStore.put
 * (KVStore.java:57)}). A result the runner made itself (a timeout, a dead child JVM) has only a message.
 *
 * @param status   failed, error or timeout
 * @param message  the whole explanation as text (never null; may be empty)
 * @param did      the steps the criterion took, or null
 * @param expected what it expected of the last step, or null
 * @param got      what came back, or null
 * @param note     the criterion's own guess at the cause, or null
 * @param todo     the starter TODO the code reached, or null
 */
public record Failure(String status, String message, String did, String expected, String got, String note,
                      String todo) {
    /** {@code threw NullPointerException: ...}: the simple name of what was thrown. */
    private static final Pattern THREW = Pattern.compile("threw ([A-Z][\\w$]*)");
    /** {@code KVStore.put (KVStore.java:57)}: a learner's frame as {@code Frames.describe} writes it. */
    private static final Pattern FRAME = Pattern.compile("[A-Z][\\w$]*\\.[\\w$<>]+ \\([\\w$]+\\.java:\\d+\\)");
    /** An exception named by the runner's own messages, e.g. "OutOfMemoryError" or "StackOverflowError". */
    private static final Pattern NAMED = Pattern.compile("\\b([A-Z][\\w$]*(?:Exception|Error))\\b");

    public Failure {
        Objects.requireNonNull(status, "status");
        message = message == null ? "" : message;
    }

    /** The failure of {@code result}; empty when it passed. */
    public static Optional<Failure> of(CriterionResult result) {
        if (result.passed()) {
            return Optional.empty();
        }
        return Optional.of(new Failure(result.status().word(), result.message(), result.did(), result.expected(),
                result.got(), result.note(), result.todo()));
    }

    /** The failure recorded in a history line's criterion object; empty when it passed or never ran. */
    public static Optional<Failure> of(JsonNode criterion) {
        String status = criterion.path("status").asText("not-run");
        if (status.equals("passed") || status.equals("not-run")) {
            return Optional.empty();
        }
        return Optional.of(new Failure(status, text(criterion, "message"), text(criterion, "did"),
                text(criterion, "expected"), text(criterion, "got"), text(criterion, "note"),
                text(criterion, "todo")));
    }

    private static String text(JsonNode node, String field) {
        return node.hasNonNull(field) ? node.path(field).asText() : null;
    }

    /** The exception the code under test threw, by simple name, when the failure says. */
    public Optional<String> exception() {
        Matcher threw = THREW.matcher(gotOrEmpty());
        if (threw.find()) {
            return Optional.of(threw.group(1));
        }
        Matcher named = NAMED.matcher(message);
        return named.find() ? Optional.of(named.group(1)) : Optional.empty();
    }

    /** The learner's line the failure points at, e.g. {@code KVStore.put (KVStore.java:57)}. */
    public Optional<String> frame() {
        for (String text : new String[] {todo, got, message}) {
            if (text != null) {
                Matcher m = FRAME.matcher(text);
                if (m.find()) {
                    return Optional.of(m.group());
                }
            }
        }
        return Optional.empty();
    }

    /** The starter TODO the code reached, when that is why it failed. */
    public Optional<String> reachedTodo() {
        return Optional.ofNullable(todo);
    }

    /** The steps of {@code did}, in order; the last one is the step that went wrong. Empty without a did. */
    public List<String> steps() {
        return did == null ? List.of() : splitSteps(did);
    }

    String gotOrEmpty() {
        return got == null ? "" : got;
    }

    /** Everything the failure says, for rules that look for a phrase anywhere. */
    String allText() {
        return String.join("\n", message, did == null ? "" : did, gotOrEmpty(), note == null ? "" : note);
    }

    /**
     * Splits {@code open a store, put("a, b", "1"), get("a")} at the commas between steps: not inside quotes,
     * parentheses or brackets.
     */
    static List<String> splitSteps(String did) {
        List<String> steps = new ArrayList<>();
        int depth = 0;
        boolean quoted = false;
        int start = 0;
        for (int i = 0; i < did.length(); i++) {
            char c = did.charAt(i);
            if (quoted) {
                if (c == '\\') {
                    i++; // an escaped character, e.g. \" inside a quoted key
                } else if (c == '"') {
                    quoted = false;
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == '(' || c == '[') {
                depth++;
            } else if (c == ')' || c == ']') {
                depth = Math.max(0, depth - 1);
            } else if (c == ',' && depth == 0 && i + 1 < did.length() && did.charAt(i + 1) == ' ') {
                steps.add(did.substring(start, i).strip());
                start = i + 2;
            }
        }
        String last = did.substring(start).strip();
        if (!last.isEmpty()) {
            steps.add(last);
        }
        return steps;
    }
}
