package companion.course.crash;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The line protocol between writer, verifier and parent, and the seed-derived plan they share. */
class ProtocolTest {

    @Test
    void everyKindOfWriteRendersAndParsesBack() {
        for (String text : List.of("t1#17 put k1-03=120:9f3a1b2c", "t2#3 delete k2-00",
                "t0#4 batch +k0-01=88:0a1b2c3d,-k0-05,+k0-07=12:00ff00ff", "t0#9 compact", "t1#2 flush")) {
            assertEquals(text, Write.parse(text).render());
        }
    }

    @Test
    void malformedWritesAreRejectedNamingTheText() {
        for (String text : List.of("t1 put k=1:00000000", "t1#0 put k1-00=1:00000000", "t1#1 put k1-00",
                "t1#1 batch k1-00=1:00000000", "t1#1 frobnicate", "t1#1 put k1-00=12:xyz")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Write.parse(text), text);
            assertTrue(e.getMessage().contains(text), e.getMessage());
        }
    }

    @Test
    void errorLineKeepsItsFailureOnOneLine() {
        Write write = Write.parse("t1#2 delete k1-00");
        HistoryLine error = HistoryLine.error(write, "java.io.IOException: disk full\n\tat X.y(X.java:1)");
        assertEquals("error t1#2 delete k1-00 ! java.io.IOException: disk full | at X.y(X.java:1)", error.render());
        assertEquals(Optional.of(error), HistoryLine.parse(error.render()));
        assertEquals(Optional.empty(), HistoryLine.parse("opened"));
    }

    @Test
    void historyPairsAcksWithIntentsAndCountsAckedWrites() {
        History h = History.of(List.of("start seed=1", "opened", "intent t0#1 put k0-00=20:00000001",
                "intent t1#1 flush", "ack t0#1 put k0-00=20:00000001", "ack t1#1 flush",
                "intent t0#2 delete k0-00", "Terminating due to java.lang.OutOfMemoryError"));
        assertEquals(1, h.ackedWrites(), "a flush is not a write");
        assertEquals(1, h.unacknowledged());
        assertEquals(List.of("t0#1", "t0#2"), h.attempts("k0-00").stream().map(a -> a.write().id()).toList());
        assertEquals(List.of("Terminating due to java.lang.OutOfMemoryError"), h.noise());
    }

    @Test
    void historyRejectsAnAckWithoutIntentAndAKeyWrittenByTwoThreads() {
        assertThrows(IllegalArgumentException.class, () -> History.of(List.of("ack t0#1 delete k0-00")));
        assertThrows(IllegalArgumentException.class, () -> History.of(List.of("intent t0#1 delete k0-00",
                "intent t1#1 delete k0-00")));
    }

    @Test
    void valuesNameTheirWriteAndDifferPerKey() {
        byte[] value = TracedValue.of(42, 1, 17, "k1-03", 40);
        assertEquals(40, value.length);
        assertEquals(Optional.of(new TracedValue.Origin(1, 17)), TracedValue.trace(value));
        assertArrayEquals(value, TracedValue.of(42, 1, 17, "k1-03", 40), "deterministic");
        assertNotEquals(Digest.of(value), Digest.of(TracedValue.of(42, 1, 17, "k1-04", 40)));
        assertEquals(Optional.empty(), TracedValue.trace("v:1".getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
        assertEquals(Digest.of(value), Digest.parse(Digest.of(value).render()));
    }

    @Test
    void sameSeedSamePlanAndRunZeroUsesTheMasterSeed() {
        assertEquals(CrashPlan.of(42), CrashPlan.of(42));
        assertEquals(42, CrashPlan.runSeed(42, 0));
        long s3 = CrashPlan.runSeed(42, 3);
        assertTrue(s3 >= 0 && s3 < (1L << 31), "short, non-negative replay seeds: " + s3);
        assertNotEquals(CrashPlan.of(s3), CrashPlan.of(CrashPlan.runSeed(42, 4)));
        CrashPlan plan = CrashPlan.of(s3);
        assertEquals(plan.threads() * plan.keysPerThread(), plan.keys().size());
    }
}
