package companion.course.linearizability;

import static companion.course.linearizability.Operation.delete;
import static companion.course.linearizability.Operation.get;
import static companion.course.linearizability.Operation.pending;
import static companion.course.linearizability.Operation.put;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What a learner reads. Times in these histories are in microseconds, so they show as fractions of a millisecond. */
class CheckResultExplanationTest {

    private static final long US = 1_000;

    private static String explain(Operation... history) {
        return new LinearizabilityChecker().check(List.of(history)).explain();
    }

    @Test
    void explainsStaleReadWithTimesSinceTheFirstOperation() {
        String text = explain(
                put(2, 412 * US, 430 * US, "k7", "v5"),
                put(3, 380 * US, 400 * US, "k7", "v3"),
                get(5, 455 * US, 460 * US, "k7", "v3"));

        assertEquals("""
                key "k7": no order of these 3 operations explains what the threads saw
                  thread 3  put("k7", "v3")   started 0.000 ms, returned 0.020 ms
                  thread 2  put("k7", "v5")   started 0.032 ms, returned 0.050 ms   (after put("k7", "v3") had returned)
                  thread 5  get("k7") → "v3"  started 0.075 ms, returned 0.080 ms   (after put("k7", "v5") had returned)
                  each operation must take effect at one instant between its start and its return""", text);
    }

    @Test
    void explainsMissingKeyAsNotFound() {
        String text = explain(
                put(1, 0, 10 * US, "k", "a"),
                get(2, 20 * US, 30 * US, "k", null));

        assertEquals("""
                key "k": no order of these 2 operations explains what the threads saw
                  thread 1  put("k", "a")         started 0.000 ms, returned 0.010 ms
                  thread 2  get("k") → not found  started 0.020 ms, returned 0.030 ms   (after put("k", "a") had returned)
                  each operation must take effect at one instant between its start and its return""", text);
    }

    @Test
    void explainsASingleImpossibleRead() {
        String text = explain(get(4, 5 * US, 6 * US, "k", "ghost"));

        assertEquals("""
                key "k": nothing explains what this operation saw
                  thread 4  get("k") → "ghost"  started 0.000 ms, returned 0.001 ms
                  each operation must take effect at one instant between its start and its return""", text);
    }

    @Test
    void explainsPendingOperationsAsMaybeApplied() {
        String text = explain(
                put(1, 0, 10 * US, "k", "a"),
                pending(2, 20 * US, Operation.Kind.DELETE, "k", null),
                get(1, 30 * US, 40 * US, "k", null),
                get(1, 50 * US, 60 * US, "k", "a"));

        assertEquals("""
                key "k": no order of these 4 operations explains what the threads saw
                  thread 1  put("k", "a")         started 0.000 ms, returned 0.010 ms
                  thread 2  delete("k")           started 0.020 ms, threw: may or may not have taken effect   \
                (after put("k", "a") had returned)
                  thread 1  get("k") → not found  started 0.030 ms, returned 0.040 ms                         \
                (after put("k", "a") had returned)
                  thread 1  get("k") → "a"        started 0.050 ms, returned 0.060 ms                         \
                (after get("k") → not found had returned)
                  each operation must take effect at one instant between its start and its return;
                  one that threw may take effect at any instant after its start, or never""", text);
    }

    @Test
    void namesEveryDirectPredecessor() {
        String text = explain(
                put(1, 0, 10 * US, "k", "a"),
                put(2, 0, 10 * US, "k", "b"),
                get(3, 20 * US, 30 * US, "k", "a"),
                get(4, 40 * US, 50 * US, "k", "b"));

        assertTrue(text.contains("get(\"k\") → \"a\"  started 0.020 ms, returned 0.030 ms"
                + "   (after put(\"k\", \"a\") and put(\"k\", \"b\") had returned)\n"), text);
        assertTrue(text.contains("get(\"k\") → \"b\"  started 0.040 ms, returned 0.050 ms"
                + "   (after get(\"k\") → \"a\" had returned)\n"), text);
    }

    @Test
    void namesTheThreadWhenTwoOperationsLookAlike() {
        String text = explain(
                put(1, 0, 100 * US, "k", "a"),
                put(2, 0, 100 * US, "k", "b"),
                get(3, 10 * US, 20 * US, "k", "a"),
                get(4, 30 * US, 40 * US, "k", "b"),
                get(5, 50 * US, 60 * US, "k", "a"));

        assertTrue(text.contains("(after thread 3's get(\"k\") → \"a\" had returned)"), text);
    }

    @Test
    void showsMoreDecimalsWhenAFastStoreMakesTimesLookEqual() {
        String text = explain(
                put(1, 1_000, 1_100, "k", "v1"),
                put(2, 1_200, 1_300, "k", "v2"),
                get(3, 1_400, 1_500, "k", "v1"));

        assertTrue(text.contains("started 0.0002 ms, returned 0.0003 ms"), text);
    }

    @Test
    void quotesKeysAndValuesLikeJavaStringLiterals() {
        String text = explain(get(1, 0, 1, "line\nbreak", "say \"hi\"\t\\"));

        assertTrue(text.contains("get(\"line\\nbreak\") → \"say \\\"hi\\\"\\t\\\\\""), text);
    }

    @Test
    void abbreviatesLongValuesAndGivesTheirLength() {
        String huge = "a".repeat(1 << 20);

        String text = explain(get(1, 0, 1, "k", huge));

        assertTrue(text.contains("get(\"k\") → \"aaaaaaaaaaaaaaaaaaaaaaaa…\" (1,048,576 chars)"), text);
        assertTrue(text.length() < 400, () -> "too long: " + text.length());
    }

    @Test
    void mentionsTheInitialValueWhenThereIsOne() {
        CheckResult result = new LinearizabilityChecker(Map.of("k", "seed"), 100).check(List.of(
                delete(1, 0, 10, "k"),
                get(2, 20, 30, "k", "seed")));

        assertTrue(result.explain().startsWith("""
                key "k": no order of these 2 operations explains what the threads saw
                  (before these operations the key held "seed")
                """), result::explain);
    }

    @Test
    void summarizesSuccessAndUndecidedChecks() {
        CheckResult ok = new LinearizabilityChecker().check(List.of(
                put(1, 0, 10, "a", "x"), put(1, 20, 30, "b", "y"), get(2, 40, 50, "a", "x")));
        CheckResult unknown = new LinearizabilityChecker(Map.of(), 1).check(List.of(
                put(1, 0, 10, "a", "x"), get(2, 20, 30, "a", "x")));

        assertEquals("linearizable: for every key, some order of its operations explains what the threads saw"
                + " (3 operations on 2 keys)", ok.explain());
        assertEquals("undecided: key \"a\" has 2 operations overlapping so much that the search gave up after 1 state;"
                + " no other key showed a violation", unknown.explain());
        assertEquals(ok.explain(), ok.toString());
    }
}
