package companion.course.linearizability;

import companion.course.criteria.Quote;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Turns a violation witness into the text a learner reads: one line per operation, in call order, with times in
 * milliseconds since the first call of the witness, and for each operation the ones that had already returned when it
 * started (those are the orderings the learner's store was not free to choose).
 */
final class WitnessExplanation {

    private static final String GAP = "  ";
    private static final String NOTE_GAP = "   ";

    private WitnessExplanation() {
    }

    /**
     * @param key     the key all of {@code witness} is about
     * @param initial the key's value before the history, {@code null} for missing
     * @param witness the operations, sorted by call time
     */
    static String of(String key, String initial, List<Operation> witness) {
        StringBuilder out = new StringBuilder();
        out.append("key ").append(Quote.of(key)).append(": ").append(headline(witness)).append('\n');
        if (initial != null) {
            out.append(GAP).append("(before these operations the key held ").append(Quote.of(initial))
                    .append(")\n");
        }
        long origin = witness.get(0).callNanos();
        int decimals = decimalsToTellApart(witness, origin);
        List<String> threads = new ArrayList<>();
        List<String> calls = new ArrayList<>();
        List<String> times = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        for (Operation op : witness) {
            threads.add("thread " + op.threadId());
            calls.add(describe(op));
            times.add(timing(op, origin, decimals));
            notes.add(predecessorNote(op, witness));
        }
        int threadWidth = maxLength(threads);
        int callWidth = maxLength(calls);
        int timeWidth = maxLength(times);
        for (int i = 0; i < witness.size(); i++) {
            StringBuilder line = new StringBuilder(GAP)
                    .append(pad(threads.get(i), threadWidth)).append(GAP)
                    .append(pad(calls.get(i), callWidth)).append(GAP);
            if (notes.get(i).isEmpty()) {
                line.append(times.get(i));
            } else {
                line.append(pad(times.get(i), timeWidth)).append(NOTE_GAP).append(notes.get(i));
            }
            out.append(line).append('\n');
        }
        out.append(GAP).append("each operation must take effect at one instant between its start and its return");
        if (witness.stream().anyMatch(op -> !op.completed())) {
            out.append(";\n").append(GAP)
                    .append("one that threw may take effect at any instant after its start, or never");
        }
        return out.toString();
    }

    private static String headline(List<Operation> witness) {
        if (witness.size() == 1) {
            return "nothing explains what this operation saw";
        }
        long threads = witness.stream().mapToInt(Operation::threadId).distinct().count();
        return "no order of these " + witness.size() + " operations explains what the thread"
                + (threads == 1 ? "" : "s") + " saw";
    }

    /** The call as a learner would write it, with what a GET returned: {@code get("k") → "v"}. */
    static String describe(Operation op) {
        String key = Quote.of(op.key());
        return switch (op.kind()) {
            case PUT -> "put(" + key + ", " + Quote.of(op.value()) + ")";
            case DELETE -> "delete(" + key + ")";
            case GET -> !op.completed() ? "get(" + key + ")"
                    : "get(" + key + ") → " + (op.result() == null ? "not found" : Quote.of(op.result()));
        };
    }

    private static String timing(Operation op, long origin, int decimals) {
        String started = "started " + millis(op.callNanos() - origin, decimals);
        if (!op.completed()) {
            return started + ", threw: may or may not have taken effect";
        }
        return started + ", returned " + millis(op.returnNanos() - origin, decimals);
    }

    /**
     * Milliseconds with 3 decimals, or up to 6 (nanoseconds) when a fast store makes two different clock readings
     * look equal: the learner must be able to see which call started after which return.
     */
    private static int decimalsToTellApart(List<Operation> witness, long origin) {
        Set<Long> readings = new HashSet<>();
        for (Operation op : witness) {
            readings.add(op.callNanos() - origin);
            if (op.completed()) {
                readings.add(op.returnNanos() - origin);
            }
        }
        for (int decimals = 3; decimals < 6; decimals++) {
            Set<String> shown = new HashSet<>();
            for (long reading : readings) {
                shown.add(millis(reading, decimals));
            }
            if (shown.size() == readings.size()) {
                return decimals;
            }
        }
        return 6;
    }

    private static String millis(long nanos, int decimals) {
        return String.format(Locale.ROOT, "%." + decimals + "f ms", nanos / 1_000_000.0);
    }

    /**
     * "(after X had returned)", naming only the direct predecessors: if X returned before Y started and Y before
     * {@code op} started, naming Y is enough.
     */
    private static String predecessorNote(Operation op, List<Operation> witness) {
        List<Operation> direct = new ArrayList<>();
        for (Operation before : witness) {
            if (before.precedes(op) && witness.stream().noneMatch(mid -> before.precedes(mid) && mid.precedes(op))) {
                direct.add(before);
            }
        }
        if (direct.isEmpty()) {
            return "";
        }
        List<String> names = new ArrayList<>();
        for (Operation before : direct) {
            names.add(name(before, witness));
        }
        String joined = names.size() == 1 ? names.get(0)
                : String.join(", ", names.subList(0, names.size() - 1)) + " and " + names.get(names.size() - 1);
        return "(after " + joined + " had returned)";
    }

    /** The call's description, prefixed with its thread when another operation in the witness reads the same. */
    private static String name(Operation op, List<Operation> witness) {
        String description = describe(op);
        boolean ambiguous = witness.stream().anyMatch(other -> other != op && describe(other).equals(description));
        return ambiguous ? "thread " + op.threadId() + "'s " + description : description;
    }

    private static int maxLength(List<String> texts) {
        return texts.stream().mapToInt(String::length).max().orElse(0);
    }

    private static String pad(String text, int width) {
        return text + " ".repeat(width - text.length());
    }
}
