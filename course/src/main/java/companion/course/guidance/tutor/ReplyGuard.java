package companion.course.guidance.tutor;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The local post-filter a tutor reply passes through before a learner sees any of it, piece by piece as it
 * streams in.
 *
 * <ul>
 *   <li>Text is released a whole line at a time, and only once the line, with the text before it, shares no run of
 *       {@link SolutionText#SHINGLE} tokens with the reference solution.
 *   <li>A fenced code block ({@code ```}) is held back until it closes; longer than {@link #MAX_CODE_LINES}
 *       lines, it rejects the reply. Code-looking lines outside fences count too, up to {@link #MAX_TOTAL_CODE}.
 *   <li>After a rejection nothing more is released; the caller withdraws the reply and shows the offline hint.
 * </ul>
 *
 * Not thread-safe: one guard per reply, fed by the thread that reads the stream.
 */
public final class ReplyGuard {
    /** The longest code block a reply may hold: a tutor shows a shape, never a method. */
    public static final int MAX_CODE_LINES = 4;
    /** The most code-looking lines in a whole reply, fenced or not. */
    public static final int MAX_TOTAL_CODE = 8;
    /** How much already released text is checked with a new line, so that a copy spanning lines is seen. */
    private static final int CONTEXT_CHARS = 400;

    private final SolutionText solution;
    private final StringBuilder pending = new StringBuilder();
    private final StringBuilder released = new StringBuilder();
    private List<String> block;
    private int codeLines;
    private String rejection;

    public ReplyGuard(SolutionText solution) {
        this.solution = solution;
    }

    /** Takes the next piece of the reply; returns what may be shown now (possibly nothing). */
    public String offer(String delta) {
        pending.append(delta);
        StringBuilder out = new StringBuilder();
        for (int nl = pending.indexOf("\n"); nl >= 0 && rejection == null; nl = pending.indexOf("\n")) {
            String line = pending.substring(0, nl + 1);
            pending.delete(0, nl + 1);
            out.append(line(line));
        }
        return rejection == null ? out.toString() : "";
    }

    /** The reply has ended: returns the rest that may be shown. */
    public String finish() {
        String out = "";
        if (pending.length() > 0 && rejection == null) {
            out = line(pending.toString());
            pending.setLength(0);
        }
        if (block != null && rejection == null) {
            out += release(String.join("", block)); // an unclosed fence at the end: judge what it holds
            block = null;
        }
        return rejection == null ? out : "";
    }

    /** Why the reply was rejected, if it was. */
    public Optional<String> rejection() {
        return Optional.ofNullable(rejection);
    }

    /** The text released so far. */
    public String released() {
        return released.toString();
    }

    private String line(String line) {
        boolean fence = line.strip().startsWith("```");
        if (block != null) {
            block.add(line);
            if (fence) {
                String whole = String.join("", block);
                block = null;
                return release(whole);
            }
            if (!line.isBlank() && ++codeLines > MAX_TOTAL_CODE || block.size() - 1 > MAX_CODE_LINES) {
                reject("a code block longer than " + MAX_CODE_LINES + " lines");
            }
            return "";
        }
        if (fence) {
            block = new ArrayList<>(List.of(line));
            return "";
        }
        if (looksLikeCode(line) && ++codeLines > MAX_TOTAL_CODE) {
            reject("more than " + MAX_TOTAL_CODE + " lines of code");
            return "";
        }
        return release(line);
    }

    private String release(String text) {
        int from = Math.max(0, released.length() - CONTEXT_CHARS);
        Optional<String> copy = solution.overlap(released.substring(from) + text);
        if (copy.isPresent()) {
            reject("text overlapping the reference solution (" + copy.get() + ")");
            return "";
        }
        released.append(text);
        return text;
    }

    private void reject(String why) {
        if (rejection == null) {
            rejection = "the reply contained " + why;
        }
    }

    /** A line that ends like a Java statement or block: {@code ;}, {@code {} or {@code }}. */
    static boolean looksLikeCode(String line) {
        String t = line.strip();
        return t.endsWith(";") || t.endsWith("{") || t.equals("}") || t.startsWith("} ");
    }
}
