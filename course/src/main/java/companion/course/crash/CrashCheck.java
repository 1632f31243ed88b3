package companion.course.crash;

import companion.api.Durability;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Decides whether the state of a store after a crash is explained by the writes made before it: pure logic, no
 * processes, so every rule is tested with hand-made histories.
 *
 * <pre>{@code
 * History history = History.of(writerLines);          // intents and acks read before the kill
 * StoreState state = StoreState.parse(verifierLines); // what the store held when reopened
 * List<Violation> violations = CrashCheck.check(history, state, Durability.SYNC);
 * }</pre>
 *
 * <h2>The rules, per key</h2>
 * Each key has one writer thread, so its writes are totally ordered by sequence number. Let L be the key's last
 * acknowledged write and F1, F2, ... the writes started after L that were not acknowledged (normally at most one:
 * the write in flight at the kill; a write that threw counts too).
 * <ol>
 *   <li><b>Nothing invented</b> (every durability): a value read back must be, byte for byte (length and CRC), the
 *       value some started write put under that key. Its header names the write; a value with no header, naming a
 *       write never started, or differing from what that write put is {@link Violation.Kind#NEVER_WRITTEN}.
 *   <li><b>Acknowledged means durable</b> (sync and group only): the value must be L's, or one of the F's (an
 *       in-flight write may or may not have landed). Absent is allowed only if L is a delete, there is no L, or
 *       some F deletes the key. Otherwise {@link Violation.Kind#LOST_WRITE}.
 *   <li><b>Batches are atomic</b> (every durability): if any key of a batch B shows B's value, every other key of B
 *       must show B's effect (its value; absent for a delete) or the effect of a later started write of that key.
 *       Otherwise {@link Violation.Kind#TORN_BATCH}. A batch that puts nothing is never "shown", so it is not
 *       checked (absent cannot tell which delete made it).
 *   <li><b>Opens without repair</b> (every durability): a store that does not open is
 *       {@link Violation.Kind#NEEDS_REPAIR}; one that opens but cannot be read, closed and reopened to the same
 *       state is {@link Violation.Kind#RECOVERY}.
 * </ol>
 *
 * <h2>Durability {@code none}</h2>
 * Rule 2 applies under every durability, {@code none} included: the {@link Durability} contract says a write
 * acknowledged under {@code none} has been handed to the OS, and a killed process cannot take back what the OS
 * holds; only a power cut can, and SIGKILL is not one. An engine that keeps acknowledged writes in its own memory
 * fails here whatever its durability. {@link #ackedWritesMustSurvive} is the one place that decides it.
 */
public final class CrashCheck {
    private CrashCheck() {
    }

    /**
     * Whether rule 2 applies: acknowledged writes must be there after a kill. True for every durability, since a
     * kill is not a power cut (see the class doc); kept as a method so a power-cut simulation could relax it.
     */
    public static boolean ackedWritesMustSurvive(Durability durability) {
        return true;
    }

    /** The violations of the rules above, key by key in key order, then batch by batch; empty when explained. */
    public static List<Violation> check(History history, StoreState state, Durability durability) {
        List<Violation> violations = new ArrayList<>();
        for (History.Attempt a : history.attempts()) {
            if (a.end().isPresent() && !a.acked()) {
                violations.add(new Violation(Violation.Kind.WRITER_FAILED, a.write().items().isEmpty()
                        ? Violation.WHOLE_STORE : a.write().items().get(0).key(), "the " + a.write().kind().word()
                        + " to return", "it threw " + a.end().get().failure(), List.of(a.lines())));
            }
        }
        if (state.openFailure().isPresent()) {
            violations.add(new Violation(Violation.Kind.NEEDS_REPAIR, Violation.WHOLE_STORE,
                    "the store to open after the kill, without manual repair", "opening it threw "
                    + state.openFailure().get(), List.of()));
            return violations;
        }
        for (String problem : state.problems()) {
            violations.add(new Violation(Violation.Kind.RECOVERY, Violation.WHOLE_STORE,
                    "the store to read, close and reopen to the same state", problem, List.of()));
        }
        Set<String> keys = new TreeSet<>(history.keys());
        keys.addAll(state.keys());
        Map<String, History.Attempt> producers = new HashMap<>();
        Set<String> flagged = new HashSet<>();
        for (String key : keys) {
            if (!state.reported(key)) {
                if (state.complete() && state.problems().isEmpty()) { // else a problem already says why
                    violations.add(new Violation(Violation.Kind.RECOVERY, key, "the verifier to report " + key,
                            "it did not", List.of()));
                }
                flagged.add(key);
                continue;
            }
            Optional<Violation> violation = checkKey(history, state, durability, key, producers);
            if (violation.isPresent()) {
                violations.add(violation.get());
                flagged.add(key);
            }
        }
        for (History.Attempt batch : history.attempts()) {
            if (batch.write().kind() == Write.Kind.BATCH) {
                violations.addAll(checkBatch(history, state, batch, producers, flagged));
            }
        }
        return violations;
    }

    /** Rules 1 and 2 for one key; records in {@code producers} which write made the value found. */
    private static Optional<Violation> checkKey(History history, StoreState state, Durability durability,
                                                String key, Map<String, History.Attempt> producers) {
        Optional<StoreState.Observed> observed = state.value(key);
        List<History.Attempt> attempts = history.attempts(key);
        History.Attempt producer = null;
        if (observed.isPresent()) {
            Optional<Violation> invented = traceValue(history, key, observed.get(), attempts);
            if (invented.isPresent()) {
                return invented;
            }
            producer = history.attempt(origin(observed.get()).thread(), origin(observed.get()).seq()).orElseThrow();
            producers.put(key, producer);
        }
        if (!ackedWritesMustSurvive(durability)) {
            return Optional.empty();
        }
        int last = -1;
        for (int i = 0; i < attempts.size(); i++) {
            if (attempts.get(i).acked()) {
                last = i;
            }
        }
        List<History.Attempt> allowed = new ArrayList<>(attempts.subList(last + 1, attempts.size()));
        if (last >= 0) {
            allowed.add(0, attempts.get(last));
        }
        boolean explained = observed.isPresent() ? allowed.contains(producer)
                : last < 0 || allowed.stream().anyMatch(a -> a.write().item(key).orElseThrow().isDelete());
        if (explained) {
            return Optional.empty();
        }
        List<String> expected = new ArrayList<>();
        List<String> lines = new ArrayList<>();
        for (History.Attempt a : allowed) {
            expected.add(effect(a, key) + (a.acked() ? ", its last acknowledged write" : ", in flight at the kill"));
            lines.add(a.lines());
        }
        if (producer != null) {
            lines.add(0, producer.lines());
        }
        String got = observed.map(o -> o.show() + ", the value of " + producers.get(key).write().id()
                + ", an older write").orElse("absent");
        return Optional.of(new Violation(Violation.Kind.LOST_WRITE, key, String.join("; or ", expected), got, lines));
    }

    /** Rule 1: the value was put under {@code key} by a started write. */
    private static Optional<Violation> traceValue(History history, String key, StoreState.Observed observed,
                                                  List<History.Attempt> attempts) {
        Optional<TracedValue.Origin> origin = TracedValue.trace(observed.head());
        Optional<History.Attempt> attempt = origin.flatMap(o -> history.attempt(o.thread(), o.seq()));
        Optional<Write.Item> item = attempt.flatMap(a -> a.write().item(key));
        String why;
        if (origin.isEmpty()) {
            why = "it has no t<thread>#<seq> header: no writer value looks like this";
        } else if (attempt.isEmpty()) {
            why = "its header names " + origin.get().id() + ", which was never started";
        } else if (item.isEmpty() || item.get().isDelete()) {
            why = "its header names " + origin.get().id() + ", which did not put " + key;
        } else if (!item.get().value().orElseThrow().equals(observed.digest())) {
            why = origin.get().id() + " put " + item.get().value().orElseThrow() + " under " + key
                    + ": this is not that value (torn or corrupted)";
        } else {
            return Optional.empty();
        }
        List<String> ids = attempts.stream().map(a -> a.write().id()).toList();
        return Optional.of(new Violation(Violation.Kind.NEVER_WRITTEN, key,
                "a value that a started write put under " + key + " (its writes: "
                        + (ids.isEmpty() ? "none" : String.join(", ", ids)) + ")",
                observed.show() + ": " + why, attempt.map(a -> List.of(a.lines())).orElse(List.of())));
    }

    /** Rule 3 for one batch. */
    private static List<Violation> checkBatch(History history, StoreState state, History.Attempt batch,
                                              Map<String, History.Attempt> producers, Set<String> flagged) {
        List<String> shown = batch.write().items().stream().map(Write.Item::key)
                .filter(k -> producers.get(k) == batch).toList();
        if (shown.isEmpty()) {
            return List.of();
        }
        List<Violation> violations = new ArrayList<>();
        long seq = batch.write().seq();
        for (Write.Item item : batch.write().items()) {
            String key = item.key();
            if (shown.contains(key) || flagged.contains(key)) {
                continue;
            }
            Optional<StoreState.Observed> observed = state.value(key);
            History.Attempt producer = producers.get(key);
            boolean explained = observed.isEmpty()
                    ? item.isDelete() || history.attempts(key).stream().anyMatch(a -> a.write().seq() > seq
                            && a.write().item(key).orElseThrow().isDelete())
                    : producer.write().seq() > seq;
            if (!explained) {
                List<String> lines = new ArrayList<>(List.of(batch.lines()));
                if (producer != null) {
                    lines.add(producer.lines());
                }
                violations.add(new Violation(Violation.Kind.TORN_BATCH, key, effect(batch, key)
                        + " or a later write's: " + String.join(", ", shown) + " shows " + batch.write().id()
                        + ", and a batch is all or nothing", observed.map(o -> o.show() + ", the value of "
                        + producer.write().id()).orElse("absent"), lines));
            }
        }
        return violations;
    }

    /** What write {@code a} leaves under {@code key}: "the value of t1#40 (120 B, crc ...)" or "absent (...)". */
    private static String effect(History.Attempt a, String key) {
        Write.Item item = a.write().item(key).orElseThrow();
        return item.value().map(d -> "the value of " + a.write().id() + " (" + d.length() + " B, crc "
                + d.render().substring(d.render().indexOf(':') + 1) + ")")
                .orElse("absent (" + a.write().id() + " deletes it)");
    }

    private static TracedValue.Origin origin(StoreState.Observed observed) {
        return TracedValue.trace(observed.head()).orElseThrow();
    }
}
