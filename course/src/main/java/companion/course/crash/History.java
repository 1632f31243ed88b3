package companion.course.crash;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the parent learned from the crash writer before it died: every operation that was started, which of them
 * were acknowledged, and the writer's own events ({@code opened}, {@code done}, {@code fatal}). Built line by line
 * as the writer's output arrives.
 *
 * <pre>{@code
 * History history = History.of(List.of("opened",
 *         "intent t0#1 put k0-00=10:1a2b3c4d", "ack t0#1 put k0-00=10:1a2b3c4d",
 *         "intent t0#2 delete k0-00"));                // killed here: t0#2 was in flight
 * history.attempts("k0-00");                           // [t0#1 (acked), t0#2 (in flight)]
 * history.ackedWrites();                               // 1
 * }</pre>
 *
 * <p>Not thread-safe: one reader feeds it, then the checker reads it. Invariants, checked as lines arrive: every
 * ack and error follows the intent of the same write; a key is written by one thread only (so its writes have a
 * total order: their sequence numbers).
 */
public final class History {
    /** First line of the writer: {@code start seed=... threads=... durability=...}, informational. */
    public static final String START = "start";
    /** The store opened; operation lines follow. */
    public static final String OPENED = "opened";
    /** Every thread finished; the writer waits to be killed. */
    public static final String DONE = "done";
    /** The writer could not begin (opener missing, open threw): {@code fatal <message>}. */
    public static final String FATAL = "fatal";

    /**
     * A write that was started: its intent line, and its ack or error line if one was printed.
     *
     * @param write  the operation
     * @param intent the intent line
     * @param end    the ack or error line; empty while in flight
     */
    public record Attempt(Write write, HistoryLine intent, Optional<HistoryLine> end) {
        /** Whether the operation returned normally and said so. */
        public boolean acked() {
            return end.isPresent() && end.get().phase() == HistoryLine.Phase.ACK;
        }

        /** The ack line if acknowledged, else the intent line (followed by the error, if any). */
        public String lines() {
            return end.map(e -> e.phase() == HistoryLine.Phase.ACK ? e.render() : intent.render() + " / " + e.render())
                    .orElse(intent.render() + "   (no ack: in flight at the kill)");
        }
    }

    private final List<String> lines = new ArrayList<>();
    private final List<String> noise = new ArrayList<>();
    private final Map<String, Attempt> attempts = new LinkedHashMap<>();
    private final Map<String, List<String>> idsByKey = new HashMap<>();
    private final Map<String, Integer> ownerByKey = new HashMap<>();
    private boolean opened;
    private boolean done;
    private long acked;
    private Optional<String> fatal = Optional.empty();

    /** A history of the given lines, in order. */
    public static History of(List<String> lines) {
        History history = new History();
        lines.forEach(history::accept);
        return history;
    }

    /**
     * Takes in the writer's next line. A line that is not part of the protocol (the JVM's own messages, say) is
     * kept in {@link #noise()}.
     *
     * @return the line, parsed, when it is about an operation
     * @throws IllegalArgumentException when the line breaks the protocol (an ack without an intent, a key written by
     *                                  two threads, a malformed operation line)
     */
    public Optional<HistoryLine> accept(String line) {
        lines.add(line);
        Optional<HistoryLine> parsed = HistoryLine.parse(line);
        if (parsed.isEmpty()) {
            if (line.equals(OPENED)) {
                opened = true;
            } else if (line.equals(DONE)) {
                done = true;
            } else if (line.startsWith(FATAL + " ")) {
                fatal = Optional.of(line.substring(FATAL.length() + 1));
            } else if (!line.startsWith(START + " ")) {
                noise.add(line);
            }
            return parsed;
        }
        HistoryLine op = parsed.get();
        Write write = op.write();
        Attempt previous = attempts.get(write.id());
        if (op.phase() == HistoryLine.Phase.INTENT) {
            if (previous != null) {
                throw new IllegalArgumentException("two intents for " + write.id() + ": '" + line + "'");
            }
            attempts.put(write.id(), new Attempt(write, op, Optional.empty()));
            for (Write.Item item : write.items()) {
                Integer owner = ownerByKey.putIfAbsent(item.key(), write.thread());
                if (owner != null && owner != write.thread()) {
                    throw new IllegalArgumentException("key " + item.key() + " written by threads " + owner + " and "
                            + write.thread() + ": the crash check needs one writer per key");
                }
                idsByKey.computeIfAbsent(item.key(), k -> new ArrayList<>()).add(write.id());
            }
        } else {
            if (previous == null || previous.end().isPresent() || !previous.write().equals(write)) {
                throw new IllegalArgumentException("'" + line + "' does not follow an intent of the same write");
            }
            attempts.put(write.id(), new Attempt(write, previous.intent(), Optional.of(op)));
            if (op.phase() == HistoryLine.Phase.ACK && write.kind().changesKeys()) {
                acked++;
            }
        }
        return parsed;
    }

    /** Every line received, in order. */
    public List<String> lines() {
        return Collections.unmodifiableList(lines);
    }

    /** Lines that were not part of the protocol. */
    public List<String> noise() {
        return Collections.unmodifiableList(noise);
    }

    public boolean opened() {
        return opened;
    }

    public boolean done() {
        return done;
    }

    /** Why the writer could not begin, if it said so. */
    public Optional<String> fatal() {
        return fatal;
    }

    /** Every started operation, in the order of their intents. */
    public Collection<Attempt> attempts() {
        return Collections.unmodifiableCollection(attempts.values());
    }

    /** The started operation with this id ({@code t1#17}). */
    public Optional<Attempt> attempt(int thread, long seq) {
        return Optional.ofNullable(attempts.get("t" + thread + "#" + seq));
    }

    /** The started writes that touch {@code key}, oldest first (the order of their one thread). */
    public List<Attempt> attempts(String key) {
        List<Attempt> result = new ArrayList<>();
        for (String id : idsByKey.getOrDefault(key, List.of())) {
            result.add(attempts.get(id));
        }
        result.sort(Comparator.comparingLong(a -> a.write().seq()));
        return result;
    }

    /** Every key some started write touches. */
    public Collection<String> keys() {
        return Collections.unmodifiableCollection(idsByKey.keySet());
    }

    /** Acknowledged puts, deletes and batches (flushes and compactions not counted). */
    public long ackedWrites() {
        return acked;
    }

    /** Started operations without an ack (in flight at the kill, or failed). */
    public long unacknowledged() {
        return attempts.values().stream().filter(a -> !a.acked()).count();
    }
}
