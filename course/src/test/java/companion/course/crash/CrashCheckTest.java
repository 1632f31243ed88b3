package companion.course.crash;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import companion.api.Durability;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The crash check's rules on hand-made histories: each test is one writer transcript, one store state, and the
 * verdict. Thread 0 owns {@code k0-*}; values are real {@link TracedValue}s, so tracing is exercised too.
 */
class CrashCheckTest {
    private static final long SEED = 7;
    private static final String A = "k0-00";
    private static final String B = "k0-01";

    // ---- rule 2: acknowledged means durable -------------------------------------------------------------------

    @Test
    void ackedWriteThatIsLostIsAViolation() {
        History history = history(acked(put(1, A)), acked(put(2, A)));
        List<Violation> violations = check(history, state(value(A, 1)), Durability.SYNC);
        Violation v = only(violations, Violation.Kind.LOST_WRITE);
        assertEquals(A, v.key());
        assertTrue(v.expected().contains("t0#2") && v.expected().contains("last acknowledged"), v.render());
        assertTrue(v.got().contains("t0#1"), v.render());
        assertTrue(v.lines().contains("ack " + put(2, A)), v.render());
    }

    @Test
    void ackedPutFoundAbsentIsAViolation() {
        History history = history(acked(put(1, A)));
        only(check(history, state(absent(A)), Durability.GROUP), Violation.Kind.LOST_WRITE);
    }

    @Test
    void inFlightWriteMayLandOrNot() {
        History history = history(acked(put(1, A)), List.of("intent " + put(2, A)));
        assertEquals(List.of(), check(history, state(value(A, 2)), Durability.SYNC), "landed");
        assertEquals(List.of(), check(history, state(value(A, 1)), Durability.SYNC), "did not land");
    }

    @Test
    void writeThatThrewMayLandOrNot() {
        History history = history(acked(put(1, A)), List.of("intent " + put(2, A), "error " + put(2, A) + " ! boom"));
        List<Violation> violations = check(history, state(value(A, 2)), Durability.SYNC);
        only(violations, Violation.Kind.WRITER_FAILED);
        assertEquals(1, check(history, state(value(A, 1)), Durability.SYNC).size());
    }

    @Test
    void keyMayBeAbsentOnlyAfterAnAckedOrInFlightDelete() {
        assertEquals(List.of(), check(history(acked(put(1, A)), acked(delete(2, A))), state(absent(A)),
                Durability.SYNC), "acked delete");
        assertEquals(List.of(), check(history(acked(put(1, A)), List.of("intent " + delete(2, A))),
                state(absent(A)), Durability.SYNC), "in-flight delete");
        only(check(history(acked(put(1, A)), acked(delete(2, A))), state(value(A, 1)), Durability.SYNC),
                Violation.Kind.LOST_WRITE);
    }

    @Test
    void keyNeverWrittenIsAbsent() {
        assertEquals(List.of(), check(history(List.of()), state(absent(A)), Durability.SYNC));
    }

    // ---- rule 1: nothing invented ----------------------------------------------------------------------------

    @Test
    void valueOfAWriteNeverStartedIsAViolation() {
        Violation v = only(check(history(acked(put(1, A))), state(value(A, 9)), Durability.SYNC),
                Violation.Kind.NEVER_WRITTEN);
        assertTrue(v.got().contains("t0#9, which was never started"), v.render());
    }

    @Test
    void tornValueIsAViolationEvenUnderNone() {
        byte[] torn = TracedValue.of(SEED, 0, 1, A, 20);
        torn[15] ^= 1; // right header, wrong bytes
        Violation v = only(check(history(acked(put(1, A))), state(valueLine(A, torn)), Durability.NONE),
                Violation.Kind.NEVER_WRITTEN);
        assertTrue(v.got().contains("torn or corrupted"), v.render());
    }

    @Test
    void valueWithoutHeaderOrUnderAnotherKeyIsAViolation() {
        only(check(history(List.of()), state(valueLine(A, "garbage".getBytes())), Durability.NONE),
                Violation.Kind.NEVER_WRITTEN);
        History history = history(acked(put(1, B)));
        Violation v = only(check(history, state(valueLine(A, TracedValue.of(SEED, 0, 1, B, 20)), value(B, 1)),
                Durability.NONE), Violation.Kind.NEVER_WRITTEN);
        assertTrue(v.got().contains("did not put " + A), v.render());
    }

    // ---- rule 3: batches are atomic --------------------------------------------------------------------------

    @Test
    void halfABatchIsAViolationUnderEveryDurability() {
        History history = history(acked(put(1, A)), acked(put(2, B)), List.of("intent " + batch(3, A, B)));
        for (Durability d : Durability.values()) {
            Violation v = only(check(history, state(value(A, 3, A), value(B, 2)), d), Violation.Kind.TORN_BATCH);
            assertEquals(B, v.key(), d.word());
            assertTrue(v.expected().contains(A + " shows t0#3"), v.render());
        }
    }

    @Test
    void inFlightBatchWhollyThereOrWhollyAbsentIsFine() {
        History history = history(acked(put(1, A)), acked(put(2, B)), List.of("intent " + batch(3, A, B)));
        assertEquals(List.of(), check(history, state(value(A, 3, A), value(B, 3, B)), Durability.SYNC));
        assertEquals(List.of(), check(history, state(value(A, 1), value(B, 2)), Durability.SYNC));
    }

    @Test
    void batchKeyOverwrittenByALaterWriteIsFine() {
        History history = history(acked(batch(1, A, B)), acked(put(2, B)));
        assertEquals(List.of(), check(history, state(value(A, 1, A), value(B, 2)), Durability.SYNC));
    }

    // ---- durability none -------------------------------------------------------------------------------------

    @Test
    void noneStillLosesNothingToAKillBecauseTheOsHoldsTheBytes() {
        History history = history(acked(put(1, A)), acked(put(2, A)), acked(delete(3, B)));
        assertEquals(List.of(), check(history, state(value(A, 2), absent(B)), Durability.NONE));
        only(check(history, state(value(A, 1), absent(B)), Durability.NONE), Violation.Kind.LOST_WRITE);
    }

    // ---- rule 4: opens without repair ------------------------------------------------------------------------

    @Test
    void storeThatDoesNotOpenNeedsRepair() {
        StoreState state = StoreState.parse(List.of("open-failed java.io.IOException: bad magic at offset 0"));
        Violation v = only(check(history(acked(put(1, A))), state, Durability.NONE), Violation.Kind.NEEDS_REPAIR);
        assertTrue(v.got().contains("bad magic"), v.render());
    }

    @Test
    void valueThatChangesOnReopenIsARecoveryViolation() {
        List<String> lines = new ArrayList<>(state(value(A, 1)));
        lines.add(lines.size() - 1, "changed " + A + " from x on the first open to absent on the second");
        only(check(history(acked(put(1, A))), StoreState.parse(lines), Durability.SYNC), Violation.Kind.RECOVERY);
    }

    // ---- helpers ---------------------------------------------------------------------------------------------

    private static List<Violation> check(History history, List<String> verifierLines, Durability durability) {
        return check(history, StoreState.parse(verifierLines), durability);
    }

    private static List<Violation> check(History history, StoreState state, Durability durability) {
        return CrashCheck.check(history, state, durability);
    }

    private static Violation only(List<Violation> violations, Violation.Kind kind) {
        assertEquals(1, violations.size(), () -> "expected one " + kind.word() + ", got:\n" + violations);
        assertEquals(kind, violations.get(0).kind(), violations.get(0).render());
        return violations.get(0);
    }

    @SafeVarargs
    private static History history(List<String>... parts) {
        List<String> lines = new ArrayList<>(List.of("opened"));
        for (List<String> part : parts) {
            lines.addAll(part);
        }
        return History.of(lines);
    }

    private static List<String> acked(String write) {
        return List.of("intent " + write, "ack " + write);
    }

    private static String put(long seq, String key) {
        return "t0#" + seq + " put " + key + "=" + Digest.of(TracedValue.of(SEED, 0, seq, key, 20)).render();
    }

    private static String delete(long seq, String key) {
        return "t0#" + seq + " delete " + key;
    }

    /** A batch putting both keys. */
    private static String batch(long seq, String first, String second) {
        return "t0#" + seq + " batch +" + first + "=" + Digest.of(TracedValue.of(SEED, 0, seq, first, 20)).render()
                + ",+" + second + "=" + Digest.of(TracedValue.of(SEED, 0, seq, second, 20)).render();
    }

    /** The verifier's lines for a store holding exactly these keys' states. */
    private static List<String> state(String... keyLines) {
        List<String> lines = new ArrayList<>(List.of("opened"));
        lines.addAll(List.of(keyLines));
        lines.addAll(List.of("reopened", "closed"));
        return lines;
    }

    private static String value(String key, long seq) {
        return value(key, seq, key);
    }

    /** {@code key} holding the value that write t0#seq put under {@code writtenAs}. */
    private static String value(String key, long seq, String writtenAs) {
        return valueLine(key, TracedValue.of(SEED, 0, seq, writtenAs, 20));
    }

    private static String valueLine(String key, byte[] value) {
        return "value " + key + " " + Digest.of(value).render() + " " + TracedValue.headHex(value);
    }

    private static String absent(String key) {
        return "absent " + key;
    }
}
