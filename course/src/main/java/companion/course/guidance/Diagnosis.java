package companion.course.guidance;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Writes level 3 of a ladder from one failure: the step that went wrong, expected against got, and what the first
 * matching {@link Rule} (or, when none matches, the ladder's own diagnosis) makes of it.
 *
 * <pre>
 * The step that went wrong: get("user:1")
 *   after:    open a new store file, put("user:1", "alice")
 *   expected: "alice"
 *   got:      not found
 * A value that was put is not found by get. ...
 * </pre>
 *
 * Placeholders a rule's text may use: {@code {frame}} (the learner's line, {@code KVStore.put (KVStore.java:57)}),
 * {@code {exception}}, {@code {todo}}, {@code {step}}, {@code {expected}}, {@code {got}}.
 */
final class Diagnosis {
    /** The placeholders {@link #fill} knows; {@code HintBookTest} checks that the data uses no other. */
    static final Set<String> PLACEHOLDERS = Set.of("frame", "exception", "todo", "step", "expected", "got");
    static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-z]+)}");

    /** The words shown, and the rule that chose them (null: the ladder's own). */
    record Written(String text, String rule) {
    }

    private Diagnosis() {
    }

    /** Level 3 for {@code failure}: rules are tried {@code first}, then the ladder's own, then {@code last}. */
    static Written write(Ladder ladder, Optional<Failure> failure, List<Rule> first, List<Rule> last) {
        if (failure.isEmpty()) {
            return new Written(ladder.diagnosis() + "\n(This is the general reading. Run `companion test`: when "
                    + ladder.criterion() + " fails, this level reads your own failure.)", null);
        }
        Failure f = failure.get();
        Rule rule = Stream.of(first, ladder.rules(), last).flatMap(List::stream).filter(r -> r.matches(f))
                .findFirst().orElse(null);
        String reading = rule == null ? ladder.diagnosis() : fill(rule.text(), f);
        return new Written(whatHappened(f) + "\n" + reading, rule == null ? null : rule.id());
    }

    /** The failing step with expected and got, or the runner's first line when the criterion said nothing more. */
    private static String whatHappened(Failure f) {
        List<String> steps = f.steps();
        if (steps.isEmpty()) {
            String first = f.message().lines().findFirst().orElse("it " + f.status());
            return "What happened: " + first;
        }
        StringBuilder text = new StringBuilder("The step that went wrong: ").append(steps.get(steps.size() - 1));
        if (steps.size() > 1) {
            text.append("\n  after:    ").append(String.join(", ", steps.subList(0, steps.size() - 1)));
        }
        if (f.expected() != null) {
            text.append("\n  expected: ").append(f.expected());
        }
        if (f.got() != null) {
            text.append("\n  got:      ").append(f.got());
        }
        return text.toString();
    }

    /** {@code template} with every placeholder replaced by what the failure says, or a neutral word. */
    static String fill(String template, Failure f) {
        List<String> steps = f.steps();
        Map<String, String> values = Map.of(
                "frame", f.frame().orElse("your code"),
                "exception", f.exception().orElse("an exception"),
                "todo", f.reachedTodo().orElse("a TODO of the starter"),
                "step", steps.isEmpty() ? "the last step" : steps.get(steps.size() - 1),
                "expected", f.expected() == null ? "(not said)" : f.expected(),
                "got", f.got() == null ? "(not said)" : f.got());
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(values.getOrDefault(m.group(1), m.group())));
        }
        m.appendTail(out);
        return out.toString();
    }
}
