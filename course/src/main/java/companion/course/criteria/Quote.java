package companion.course.criteria;

import java.util.Locale;
import java.util.Optional;

/**
 * Writes a key or value the way it would appear in Java source, so a learner can tell {@code "a b"} from
 * {@code "a\tb"} and see where a string ends. Anything invisible or line-breaking is escaped; a value longer than
 * {@value #MAX_WHOLE} characters is cut, because a 1 MiB value would drown the explanation, and its length is given
 * instead.
 */
public final class Quote {

    /** Strings up to this length (in UTF-16 units, as {@link String#length()}) are shown whole. */
    static final int MAX_WHOLE = 40;

    /** How many leading characters of a longer string are shown before the ellipsis. */
    static final int SHOWN_PREFIX = 24;

    private Quote() {
    }

    /**
     * {@code s} as a quoted, escaped Java literal, abbreviated if long; {@code null} as {@code null}:
     * {@code "a\nb"} for a, newline, b; {@code "xxxx…" (1,048,576 chars)} for a long one.
     */
    public static String of(String s) {
        if (s == null) {
            return "null";
        }
        if (s.length() <= MAX_WHOLE) {
            return quote(s, s.length()) + "\"";
        }
        int cut = SHOWN_PREFIX;
        // Never show half of a surrogate pair: it would print as an escape the value does not contain.
        if (Character.isHighSurrogate(s.charAt(cut - 1)) && Character.isLowSurrogate(s.charAt(cut))) {
            cut--;
        }
        return quote(s, cut) + "…\" (" + String.format(Locale.ROOT, "%,d", s.length()) + " chars)";
    }

    /** The opening quote and the escaped first {@code end} chars of {@code s}, without a closing quote. */
    private static String quote(String s, int end) {
        StringBuilder out = new StringBuilder(end + 2).append('"');
        int i = 0;
        while (i < end) {
            int codePoint = s.codePointAt(i);
            int width = Character.charCount(codePoint);
            switch (codePoint) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (isInvisible(codePoint)) {
                        // Java escapes UTF-16 units, so a supplementary character becomes two escapes.
                        for (int j = i; j < i + width; j++) {
                            out.append(String.format(Locale.ROOT, "\\u%04X", (int) s.charAt(j)));
                        }
                    } else {
                        out.appendCodePoint(codePoint);
                    }
                }
            }
            i += width;
        }
        return out.toString();
    }

    /** Characters a terminal would hide, move the cursor for, or show as something they are not. */
    private static boolean isInvisible(int codePoint) {
        return switch (Character.getType(codePoint)) {
            case Character.CONTROL, Character.FORMAT, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR,
                 Character.SURROGATE, Character.UNASSIGNED, Character.PRIVATE_USE -> true;
            case Character.SPACE_SEPARATOR -> codePoint != ' ';
            default -> false;
        };
    }

    /** A get result: the quoted value, or {@code not found} for empty. */
    public static String result(Optional<String> value) {
        return value.map(Quote::of).orElse("not found");
    }
}
