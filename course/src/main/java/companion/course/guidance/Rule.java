package companion.course.guidance;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A rule that reads a failure and, when it matches, picks the diagnosis a learner reads at level 3.
 *
 * <p>Every condition that is present must hold; an absent (null) condition holds for any failure. Rules are tried
 * in order, a criterion's own rules before the shared ones of {@code rules.json}, and the first match wins, so
 * the specific comes before the general ("waiting in" before any timeout).
 *
 * <pre>{@code
 * { "id": "timeout-waiting", "status": ["timeout"], "message": "waiting in",
 *   "text": "The run stopped while a thread waited in {frame}: a lock that is never released?" }
 * }</pre>
 *
 * @param id        a name for the rule, unique in its file; recorded with the hint so a person can see which fired
 * @param status    the failure's status must be one of these (failed, error, timeout), or null
 * @param exception the simple name of the exception the learner's code threw, e.g. {@code NullPointerException}
 * @param message   a regular expression found somewhere in the failure's text (message, did, got, note)
 * @param got       a regular expression found in the failure's "got" alone
 * @param todo      true: the failure reached a starter TODO; false: it did not; null: either
 * @param text      the diagnosis, with placeholders {@link Diagnosis} fills in ({@code {frame}}, {@code {got}}, ...)
 */
public record Rule(String id, List<String> status, String exception, String message, String got, Boolean todo,
                   String text) {
    public Rule {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("a hint rule has no id (text: " + text + ")");
        }
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("hint rule '" + id + "' has no text");
        }
        status = status == null ? null : List.copyOf(status);
        compile(id, message);
        compile(id, got);
    }

    /** True when every condition of this rule holds for {@code failure}. */
    public boolean matches(Failure failure) {
        return (status == null || status.contains(failure.status().toLowerCase(Locale.ROOT)))
                && (exception == null || failure.exception().filter(exception::equals).isPresent())
                && (message == null || compile(id, message).matcher(failure.allText()).find())
                && (got == null || compile(id, got).matcher(failure.gotOrEmpty()).find())
                && (todo == null || todo == failure.reachedTodo().isPresent());
    }

    private static Pattern compile(String id, String regex) {
        if (regex == null) {
            return null;
        }
        try {
            return Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("hint rule '" + id + "': bad regular expression " + regex + ": "
                    + e.getDescription());
        }
    }
}
