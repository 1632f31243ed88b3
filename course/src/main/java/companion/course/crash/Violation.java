package companion.course.crash;

import java.util.List;
import java.util.Locale;

/**
 * One thing the store did after a crash that its contract forbids, with what was expected, what was found, and the
 * writer's lines that show why.
 *
 * <pre>{@code
 * Violation v = ...;
 * System.out.println(v.render());
 * // lost-write k1-03
 * //   expected: the value of t1#40 (120 B, crc 9f3a1b2c): its last acknowledged write
 * //   got:      absent
 * //   history:  ack t1#40 put k1-03=120:9f3a1b2c
 * }</pre>
 *
 * @param kind     what went wrong
 * @param key      the key it went wrong on, or {@code *} when it is about the whole store
 * @param expected what the contract allows, in words
 * @param got      what the store held or did
 * @param lines    the writer's lines (and the verifier's) that explain it, oldest first
 */
public record Violation(Kind kind, String key, String expected, String got, List<String> lines) {
    /** The kinds of violation, each with a stable kebab-case word for output and JSON. */
    public enum Kind {
        /** An acknowledged write (sync or group) is not there: an older value or nothing is. */
        LOST_WRITE,
        /** A value no started write put under this key (a torn, misplaced or invented value). */
        NEVER_WRITTEN,
        /** Some but not all of a batch's keys show it. */
        TORN_BATCH,
        /** The store did not open after the crash. */
        NEEDS_REPAIR,
        /** It opened, but reading, closing or reopening it went wrong. */
        RECOVERY,
        /** A write threw while the writer ran (before the kill). */
        WRITER_FAILED,
        /** The writer hung, or ended by itself, before the kill. */
        WRITER_STOPPED;

        public String word() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /** The key of a violation about the whole store. */
    public static final String WHOLE_STORE = "*";

    public Violation {
        lines = List.copyOf(lines);
    }

    /** Several lines, indented under a heading: the form the CLI and the test failures print. */
    public String render() {
        StringBuilder s = new StringBuilder(kind.word()).append(' ').append(key).append('\n');
        s.append("  expected: ").append(expected).append('\n');
        s.append("  got:      ").append(got);
        for (int i = 0; i < lines.size(); i++) {
            s.append('\n').append(i == 0 ? "  history:  " : "            ").append(lines.get(i));
        }
        return s.toString();
    }

    @Override
    public String toString() {
        return render();
    }
}
