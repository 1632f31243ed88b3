package companion.course.criteria;

import java.util.Optional;

/**
 * Shows strings the way a learner would type them in Java: quoted, with escapes for newlines, tabs, quotes and
 * control characters, and long values shortened with their length, so a 1 MiB value does not fill the screen.
 */
public final class Quote {
    /** Values longer than this many characters are shortened. */
    private static final int SHOWN = 40;

    private Quote() {
    }

    /** {@code "a\nb"} for a, newline, b; {@code "xxxx…" (1,048,576 chars)} for a long one. */
    public static String of(String value) {
        if (value == null) {
            return "null";
        }
        StringBuilder text = new StringBuilder("\"");
        int shown = Math.min(value.length(), SHOWN);
        for (int i = 0; i < shown; i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\n' -> text.append("\\n");
                case '\r' -> text.append("\\r");
                case '\t' -> text.append("\\t");
                case '"' -> text.append("\\\"");
                case '\\' -> text.append("\\\\");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        text.append(String.format("\\u%04x", (int) c));
                    } else {
                        text.append(c);
                    }
                }
            }
        }
        if (value.length() > SHOWN) {
            return text.append("…\" (").append(String.format("%,d", value.length())).append(" chars)").toString();
        }
        return text.append('"').toString();
    }

    /** A get result: the quoted value, or {@code not found} for empty. */
    public static String result(Optional<String> value) {
        return value.map(Quote::of).orElse("not found");
    }
}
