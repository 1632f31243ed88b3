package companion.course.linearizability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * The checker against the definition. Small random histories (a few operations on two keys, three values, heavily
 * overlapping, some pending) are judged both by {@link LinearizabilityChecker} and by {@link ExhaustiveOracle}, which
 * tries every order. Histories built from a chosen order, sequential or concurrent, and histories of a correct store
 * run by real threads, must always pass.
 */
class LinearizabilityPropertiesTest {

    private static final String[] KEYS = {"a", "b"};
    private static final String[] VALUES = {"x", "y", "z"};

    /**
     * An operation before its result is known. {@code value} 0-2 picks a value; for a GET in a free history, 3 means
     * "not found". {@code point} (0-100) places the instant it takes effect inside its interval; a pending operation
     * with a point above 50 never takes effect.
     */
    record Spec(Operation.Kind kind, int key, int value, int call, int duration, boolean pending, int point) {
    }

    @Property(tries = 5_000)
    void agreesWithExhaustiveSearchOnArbitraryHistories(@ForAll("freeHistories") List<Operation> history,
                                                        @ForAll("initialStates") Map<String, String> initial) {
        CheckResult result = new LinearizabilityChecker(initial, 1_000_000).check(history);

        assertNotEquals(CheckResult.Outcome.UNKNOWN, result.outcome());
        assertEquals(ExhaustiveOracle.isLinearizable(history, initial), result.isLinearizable(), result::explain);
    }

    @Property(tries = 5_000)
    void agreesWithExhaustiveSearchOnNearlyCorrectHistories(@ForAll("specs") List<Spec> specs,
                                                            @ForAll("initialStates") Map<String, String> initial,
                                                            @ForAll boolean uniqueValues,
                                                            @ForAll int corruption) {
        List<Operation> history = corrupt(fromChosenOrder(specs, initial, uniqueValues), corruption);

        CheckResult result = new LinearizabilityChecker(initial, 1_000_000).check(history);

        assertEquals(ExhaustiveOracle.isLinearizable(history, initial), result.isLinearizable(), result::explain);
    }

    @Property
    void acceptsEveryHistoryThatFollowsAChosenOrder(@ForAll("specs") List<Spec> specs,
                                                    @ForAll("initialStates") Map<String, String> initial,
                                                    @ForAll boolean uniqueValues) {
        List<Operation> history = fromChosenOrder(specs, initial, uniqueValues);

        CheckResult result = new LinearizabilityChecker(initial, 1_000_000).check(history);

        assertEquals(CheckResult.Outcome.OK, result.outcome(), result::explain);
    }

    @Property(tries = 200)
    void acceptsSequentialHistoryFromAModel(@ForAll("longSpecs") List<Spec> specs) {
        Map<String, String> model = new HashMap<>();
        List<Operation> history = new ArrayList<>();
        long time = 0;
        for (Spec spec : specs) {
            String key = KEYS[spec.key()];
            long call = time + spec.call();
            long ret = call + spec.duration();
            time = ret + 1;
            history.add(switch (spec.kind()) {
                case PUT -> {
                    model.put(key, VALUES[spec.value() % 3]);
                    yield Operation.put(spec.key(), call, ret, key, VALUES[spec.value() % 3]);
                }
                case DELETE -> {
                    model.remove(key);
                    yield Operation.delete(spec.key(), call, ret, key);
                }
                case GET -> Operation.get(spec.key(), call, ret, key, model.get(key));
            });
        }

        assertEquals(CheckResult.Outcome.OK, new LinearizabilityChecker().check(history).outcome());
    }

    @Property
    void witnessIsAMinimalViolationMadeOfRecordedOperations(@ForAll("freeHistories") List<Operation> history,
                                                            @ForAll("initialStates") Map<String, String> initial) {
        assertWitnessIsMinimalViolation(history, initial);
    }

    @Property
    void witnessOfANearlyCorrectHistoryIsAMinimalViolation(@ForAll("specs") List<Spec> specs,
                                                           @ForAll("initialStates") Map<String, String> initial,
                                                           @ForAll boolean uniqueValues,
                                                           @ForAll int corruption) {
        assertWitnessIsMinimalViolation(corrupt(fromChosenOrder(specs, initial, uniqueValues), corruption), initial);
    }

    /**
     * A violation's witness consists of recorded operations on the reported key, is itself a violation, and loses
     * that property when any one operation is left out (unless leaving it out would be dishonest: a write that a
     * remaining GET may have read).
     */
    private static void assertWitnessIsMinimalViolation(List<Operation> history, Map<String, String> initial) {
        CheckResult result = new LinearizabilityChecker(initial, 1_000_000).check(history);
        if (result.outcome() != CheckResult.Outcome.VIOLATION) {
            return;
        }
        List<Operation> witness = result.witness();
        String key = result.key().orElseThrow();
        for (Operation op : witness) {
            assertTrue(history.stream().anyMatch(recorded -> recorded == op), "invented " + op);
            assertEquals(key, op.key());
        }
        assertFalse(ExhaustiveOracle.isLinearizable(witness, initial), "witness is no violation: " + witness);
        for (Operation op : witness) {
            List<Operation> smaller = new ArrayList<>(witness);
            smaller.remove(op);
            if (!isReadBy(op, smaller)) {
                assertTrue(ExhaustiveOracle.isLinearizable(smaller, initial), "could drop " + op + " from " + witness);
            }
        }
        assertTrue(result.explain().startsWith("key "), result::explain);
    }

    @Property(tries = 50)
    void acceptsHistoriesOfACorrectStoreRunByRealThreads(@ForAll("programs") List<List<Spec>> programs) {
        List<Operation> history = Workload.concurrently(new MapBackedStore(), programs.size(), (thread, recorder) -> {
            for (Spec spec : programs.get(thread)) {
                String key = KEYS[spec.key()];
                switch (spec.kind()) {
                    case PUT -> recorder.put(thread, key, VALUES[spec.value() % 3]);
                    case GET -> recorder.get(thread, key);
                    case DELETE -> recorder.delete(thread, key);
                }
            }
        });

        CheckResult result = new LinearizabilityChecker().check(history);

        assertEquals(CheckResult.Outcome.OK, result.outcome(), result::explain);
    }

    @Provide
    Arbitrary<Spec> spec() {
        return Combinators.combine(
                Arbitraries.of(Operation.Kind.class),
                Arbitraries.integers().between(0, 1),
                Arbitraries.integers().between(0, 3),
                Arbitraries.integers().between(0, 20),
                Arbitraries.integers().between(0, 10),
                Arbitraries.frequency(Tuple.of(6, false), Tuple.of(1, true)),
                Arbitraries.integers().between(0, 100)).as(Spec::new);
    }

    @Provide
    Arbitrary<List<Spec>> specs() {
        return spec().list().ofMinSize(1).ofMaxSize(7);
    }

    @Provide
    Arbitrary<List<Spec>> longSpecs() {
        return spec().list().ofMinSize(1).ofMaxSize(200);
    }

    @Provide
    Arbitrary<List<List<Spec>>> programs() {
        return spec().list().ofMinSize(1).ofMaxSize(25).list().ofMinSize(2).ofMaxSize(4);
    }

    @Provide
    Arbitrary<List<Operation>> freeHistories() {
        return specs().map(specs -> {
            List<Operation> history = new ArrayList<>();
            for (int i = 0; i < specs.size(); i++) {
                Spec s = specs.get(i);
                String key = KEYS[s.key()];
                String value = s.value() == 3 ? null : VALUES[s.value()];
                history.add(s.pending()
                        ? Operation.pending(i, s.call(), s.kind(), key,
                                s.kind() == Operation.Kind.PUT ? VALUES[s.value() % 3] : null)
                        : switch (s.kind()) {
                            case PUT -> Operation.put(i, s.call(), s.call() + s.duration(), key, VALUES[s.value() % 3]);
                            case GET -> Operation.get(i, s.call(), s.call() + s.duration(), key, value);
                            case DELETE -> Operation.delete(i, s.call(), s.call() + s.duration(), key);
                        });
            }
            return history;
        });
    }

    @Provide
    Arbitrary<Map<String, String>> initialStates() {
        return Arbitraries.of(Map.of(), Map.of("a", "x"), Map.of("a", "y", "b", "z"));
    }

    /**
     * A history whose operations take effect in the order of their chosen points, with each GET's result computed
     * from that order: linearizable by construction. With {@code uniqueValues}, every PUT writes its own value, as in
     * the real criterion; otherwise values repeat, which is harder for the checker's pruning.
     */
    private static List<Operation> fromChosenOrder(List<Spec> specs, Map<String, String> initial,
                                                   boolean uniqueValues) {
        String[] written = new String[specs.size()];
        for (int i = 0; i < specs.size(); i++) {
            if (specs.get(i).kind() == Operation.Kind.PUT) {
                written[i] = uniqueValues ? "v" + i : VALUES[specs.get(i).value() % 3];
            }
        }
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < specs.size(); i++) {
            if (!specs.get(i).pending() || specs.get(i).point() <= 50) {
                order.add(i);
            }
        }
        order.sort(Comparator.comparingDouble(i -> effectAt(specs.get(i))));
        Map<String, String> model = new HashMap<>(initial);
        String[] results = new String[specs.size()];
        for (int i : order) {
            Spec s = specs.get(i);
            String key = KEYS[s.key()];
            switch (s.kind()) {
                case PUT -> model.put(key, written[i]);
                case DELETE -> model.remove(key);
                case GET -> results[i] = model.get(key);
            }
        }
        List<Operation> history = new ArrayList<>();
        for (int i = 0; i < specs.size(); i++) {
            Spec s = specs.get(i);
            String key = KEYS[s.key()];
            history.add(s.pending()
                    ? Operation.pending(i % 3, s.call(), s.kind(), key, written[i])
                    : new Operation(i % 3, s.call(), s.call() + s.duration(), s.kind(), key, written[i], results[i],
                            true));
        }
        return history;
    }

    private static double effectAt(Spec s) {
        // A pending operation that takes effect does so some time after its call, possibly after everything else.
        double span = s.pending() ? 40 : s.duration();
        return s.call() + span * (s.pending() ? 2 * s.point() : s.point()) / 100.0;
    }

    /**
     * Changes the result of one completed GET to another value some PUT wrote, or "not found", both chosen by
     * {@code corruption}. The result may or may not still be linearizable.
     */
    private static List<Operation> corrupt(List<Operation> history, int corruption) {
        List<Integer> gets = new ArrayList<>();
        List<String> values = new ArrayList<>();
        values.add(null);
        for (int i = 0; i < history.size(); i++) {
            Operation op = history.get(i);
            if (op.kind() == Operation.Kind.GET && op.completed()) {
                gets.add(i);
            } else if (op.kind() == Operation.Kind.PUT) {
                values.add(op.value());
            }
        }
        if (gets.isEmpty()) {
            return history;
        }
        int victim = gets.get(Math.floorMod(corruption, gets.size()));
        Operation get = history.get(victim);
        String result = values.get(Math.floorMod(corruption / 7, values.size()));
        if (Objects.equals(result, get.result())) {
            result = result == null ? "never written" : null;
        }
        List<Operation> corrupted = new ArrayList<>(history);
        corrupted.set(victim, Operation.get(get.threadId(), get.callNanos(), get.returnNanos(), get.key(), result));
        return corrupted;
    }

    /** Whether {@code write} is a PUT or DELETE whose effect some GET in {@code others} may have seen. */
    private static boolean isReadBy(Operation write, List<Operation> others) {
        return write.kind() != Operation.Kind.GET && others.stream().anyMatch(op ->
                op.kind() == Operation.Kind.GET && op.completed() && op.key().equals(write.key())
                        && Objects.equals(write.kind() == Operation.Kind.PUT ? write.value() : null, op.result()));
    }
}
