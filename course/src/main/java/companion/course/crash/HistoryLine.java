package companion.course.crash;

import java.util.Locale;
import java.util.Optional;

/**
 * One line the crash writer prints about an operation: that it is about to start ({@code intent}), that it returned
 * ({@code ack}), or that it threw ({@code error}). The full grammar, with the lines that are not about an operation,
 * is in {@code docs/formats/crash-protocol.md}.
 *
 * <pre>
 *   line    := "intent " write | "ack " write | "error " write " ! " failure
 *   write   := see {@link Write}
 *   failure := the exception's class and message, on one line
 * </pre>
 *
 * <pre>{@code
 * HistoryLine.parse("ack t1#17 put k1-03=120:9f3a1b2c");   // Optional[ACK of t1#17]
 * HistoryLine.parse("opened");                             // Optional.empty(): not about an operation
 * HistoryLine.parse("ack t1#17 frobnicate");               // IllegalArgumentException naming the line
 * }</pre>
 *
 * @param phase   where the operation was when the line was printed
 * @param write   the operation
 * @param failure for {@link Phase#ERROR}, what was thrown; empty otherwise
 */
public record HistoryLine(Phase phase, Write write, String failure) {
    /** Where an operation was when its line was printed. */
    public enum Phase {
        /** Printed (and flushed) before the operation was called: it may have been in flight at the kill. */
        INTENT,
        /** Printed after the call returned: the operation is acknowledged. */
        ACK,
        /** Printed after the call threw: like an intent, it may or may not have taken effect. */
        ERROR;

        public String word() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private static final String FAILURE_SEPARATOR = " ! ";

    /** Checks that only an error carries a failure, and that it fits on one line. */
    public HistoryLine {
        if ((phase == Phase.ERROR) == failure.isEmpty()) {
            throw new IllegalArgumentException(phase.word() + " line with failure '" + failure + "'");
        }
        if (failure.contains("\n") || failure.contains("\r")) {
            throw new IllegalArgumentException("a failure must be one line: '" + failure + "'");
        }
    }

    public static HistoryLine intent(Write write) {
        return new HistoryLine(Phase.INTENT, write, "");
    }

    public static HistoryLine ack(Write write) {
        return new HistoryLine(Phase.ACK, write, "");
    }

    /** An error line; line breaks in {@code failure} become {@code " | "}. */
    public static HistoryLine error(Write write, String failure) {
        String oneLine = failure.strip().replaceAll("\\s*[\\r\\n]+\\s*", " | ");
        return new HistoryLine(Phase.ERROR, write, oneLine.isEmpty() ? "(no message)" : oneLine);
    }

    /**
     * The line's operation record; empty when the line is not about an operation ({@code opened}, {@code done},
     * ...).
     *
     * @throws IllegalArgumentException when the line starts like an operation line but is malformed
     */
    public static Optional<HistoryLine> parse(String line) {
        int space = line.indexOf(' ');
        String first = space < 0 ? line : line.substring(0, space);
        Phase phase;
        try {
            phase = Phase.valueOf(first.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException notAnOperationLine) {
            return Optional.empty();
        }
        if (space < 0) {
            throw new IllegalArgumentException("'" + line + "' has no operation");
        }
        String rest = line.substring(space + 1);
        if (phase != Phase.ERROR) {
            return Optional.of(new HistoryLine(phase, Write.parse(rest), ""));
        }
        int bang = rest.indexOf(FAILURE_SEPARATOR);
        if (bang < 0) {
            throw new IllegalArgumentException("error line without '" + FAILURE_SEPARATOR.strip() + "': '" + line
                    + "'");
        }
        return Optional.of(new HistoryLine(phase, Write.parse(rest.substring(0, bang)),
                rest.substring(bang + FAILURE_SEPARATOR.length())));
    }

    /** The line as the writer prints it (without the newline). */
    public String render() {
        String text = phase.word() + " " + write.render();
        return phase == Phase.ERROR ? text + FAILURE_SEPARATOR + failure : text;
    }

    @Override
    public String toString() {
        return render();
    }
}
