package companion.course.mutants;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import companion.api.CorruptionException;
import companion.api.Durability;
import companion.api.StorageEngine;
import companion.api.WriteBatch;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link FlawedEngine} without a flaw is a correct engine, and each {@link EngineFlaw} really is the mistake it
 * claims: the criteria's own tests then only need to show that each criterion notices it.
 */
class FlawedEngineTest {
    @TempDir
    Path scratch;

    private Path dir() {
        return scratch.resolve("store");
    }

    private Path log() {
        return dir().resolve(FlawedEngine.LOG);
    }

    private FlawedEngine open(EngineFlaw flaw) {
        return FlawedEngine.open(dir(), Durability.SYNC, flaw);
    }

    @Test
    void recordOfAPutHasTheBytesOfTheWorkedExample() {
        ByteBuffer record = RecordCodec.encode(new WriteBatch().put(bytes("a"), bytes("hi")).operations());
        byte[] expected = {0x68, (byte) 0xe8, 0x2d, (byte) 0xa1, 0, 0, 0, 11, 0, 1, 0, 1, 'a', 0, 0, 0, 2, 'h', 'i'};
        assertArrayEquals(expected, toArray(record));
    }

    @Test
    void correctEngineBehavesLikeAMapAcrossReopen() {
        Map<String, String> model = new TreeMap<>();
        try (FlawedEngine engine = open(EngineFlaw.NONE)) {
            for (int i = 0; i < 40; i++) {
                put(engine, model, "k" + i % 13, "v" + i);
                if (i % 5 == 0) {
                    engine.delete(bytes("k" + i % 7));
                    model.remove("k" + i % 7);
                }
            }
            engine.write(new WriteBatch().put(bytes("b1"), bytes("x")).delete(bytes("k1"))
                    .put(bytes("b2"), new byte[0]));
            model.put("b1", "x");
            model.remove("k1");
            model.put("b2", "");
            engine.delete(bytes("never written"));
            assertEquals(model, contents(engine));
        }
        try (FlawedEngine engine = open(EngineFlaw.NONE)) {
            assertEquals(model, contents(engine));
            assertEquals(Optional.empty(), engine.get(bytes("k1")));
            assertEquals(List.of("b1", "b2"), engine.scan(bytes("b")).stream().map(e -> string(e.key())).sorted()
                    .toList());
        }
    }

    @Test
    void compactionKeepsTheLatestValuesAndReclaimsSpace() throws IOException {
        Map<String, String> model = new TreeMap<>();
        try (FlawedEngine engine = open(EngineFlaw.NONE)) {
            long before = writeMostlyDeadRecords(engine, model);
            assertEquals(model.size(), engine.compact());
            long live = model.entrySet().stream().mapToLong(e -> e.getKey().length() + e.getValue().length()).sum();
            assertTrue(Files.size(log()) <= 2 * live, Files.size(log()) + " bytes hold " + live + " live, " + before
                    + " before compaction");
            assertEquals(model, contents(engine));
            put(engine, model, "after", "compaction");
        }
        assertFalse(Files.exists(dir().resolve(FlawedEngine.COMPACTING)));
        try (FlawedEngine engine = open(EngineFlaw.NONE)) {
            assertEquals(model, contents(engine));
        }
    }

    @Test
    void recoversAfterTornTailWrite() throws IOException {
        long whole = writeThenTearLast(EngineFlaw.NONE);
        try (FlawedEngine engine = open(EngineFlaw.NONE)) {
            assertEquals("first", value(engine, "a"));
            assertEquals(Optional.empty(), engine.get(bytes("torn")));
            assertEquals(whole, Files.size(log()), "the torn record is cut off");
            engine.put(bytes("c"), bytes("after the reopen"));
        }
        try (FlawedEngine engine = open(EngineFlaw.NONE)) {
            assertEquals("after the reopen", value(engine, "c"));
        }
    }

    @Test
    void flippedBitBeforeTheTailIsCorruptionNamingTheRecord() throws IOException {
        long damagedRecord = writeThreeAndFlipABitOfTheSecond();
        CorruptionException e = assertThrows(CorruptionException.class, () -> open(EngineFlaw.NONE));
        assertEquals(log(), e.file());
        assertEquals(damagedRecord, e.offset(), e.getMessage());
        assertTrue(e.getMessage().contains("checksum mismatch"), e.getMessage());
    }

    @Test
    void flippedBitInTheLastRecordLooksLikeATornWriteAndIsDropped() throws IOException {
        try (FlawedEngine engine = open(EngineFlaw.NONE)) {
            engine.put(bytes("a"), bytes("first value"));
            engine.put(bytes("b"), bytes("second value"));
        }
        flipBitOf("second value");
        try (FlawedEngine engine = open(EngineFlaw.NONE)) {
            assertEquals("first value", value(engine, "a"));
            assertEquals(Optional.empty(), engine.get(bytes("b")));
        }
    }

    @Test
    void leftoverOfAnInterruptedCompactionIsIgnored() throws IOException {
        try (FlawedEngine engine = open(EngineFlaw.NONE)) {
            engine.put(bytes("a"), bytes("kept"));
        }
        Files.write(dir().resolve(FlawedEngine.COMPACTING), new byte[] {1, 2, 3});
        try (FlawedEngine engine = open(EngineFlaw.NONE)) {
            assertEquals("kept", value(engine, "a"));
        }
        assertFalse(Files.exists(dir().resolve(FlawedEngine.COMPACTING)));
    }

    @Test
    void ackBeforeWriteLeavesAcknowledgedRecordsOnlyInMemory() throws IOException {
        try (FlawedEngine engine = open(EngineFlaw.ACK_BEFORE_WRITE)) {
            for (int i = 1; i < FlawedEngine.HELD_RECORDS; i++) {
                engine.put(bytes("k" + i), bytes("acknowledged"));
            }
            assertEquals(0, Files.size(log()), "15 acknowledged puts, none written");
            engine.put(bytes("k16"), bytes("acknowledged"));
            assertNotEquals(0, Files.size(log()), "the 16th put writes all 16");
        }
    }

    @Test
    void noForceWritesAtOnceButNeverForces() throws IOException {
        assertEquals(5, forcesOfFivePuts(EngineFlaw.NONE));
        assertEquals(0, forcesOfFivePuts(EngineFlaw.NO_FORCE));
    }

    @Test
    void appendsAfterTornTailAreLostOnTheNextReopen() throws IOException {
        long whole = writeThenTearLast(EngineFlaw.APPENDS_AFTER_TORN_TAIL);
        try (FlawedEngine engine = open(EngineFlaw.APPENDS_AFTER_TORN_TAIL)) {
            assertEquals("first", value(engine, "a"));
            assertTrue(Files.size(log()) > whole, "the torn record stays in the file");
            engine.put(bytes("c"), bytes("after the reopen"));
        }
        try (FlawedEngine engine = open(EngineFlaw.APPENDS_AFTER_TORN_TAIL)) {
            assertEquals("first", value(engine, "a"));
            assertEquals(Optional.empty(), engine.get(bytes("c")), "replay stops at the torn record again");
        }
    }

    @Test
    void noChecksumReturnsAFlippedBitAsData() throws IOException {
        writeThreeAndFlipABitOfTheSecond();
        try (FlawedEngine engine = open(EngineFlaw.NO_CHECKSUM)) {
            assertEquals("walue of b, damaged on disk", value(engine, "b"));
        }
    }

    @Test
    void compactionCopyingEverythingReclaimsNothing() throws IOException {
        Map<String, String> model = new TreeMap<>();
        try (FlawedEngine engine = open(EngineFlaw.COMPACTION_COPIES_EVERYTHING)) {
            long before = writeMostlyDeadRecords(engine, model);
            engine.compact();
            assertEquals(before, Files.size(log()));
            assertEquals(model, contents(engine));
        }
    }

    @Test
    void compactionKeepingTheOldestBringsBackAnOverwrittenValue() {
        try (FlawedEngine engine = open(EngineFlaw.COMPACTION_KEEPS_OLDEST)) {
            engine.put(bytes("k"), bytes("old"));
            engine.put(bytes("k"), bytes("new"));
            engine.put(bytes("gone"), bytes("deleted"));
            engine.delete(bytes("gone"));
            engine.compact();
            assertEquals("old", value(engine, "k"));
            assertEquals(Optional.empty(), engine.get(bytes("gone")), "only the value is wrong, not the keys");
        }
    }

    @Test
    void compactionResettingTheIndexShowsReadersMissingKeys() throws InterruptedException {
        assertEquals(0, missingReadsDuringCompactions(EngineFlaw.NONE, 20));
        assertTrue(missingReadsDuringCompactions(EngineFlaw.COMPACTION_RESETS_INDEX, 20) > 0);
    }

    @Test
    void compactionInPlaceLeavesALogWithoutSomeKeysWhileItRuns() throws Exception {
        try (FlawedEngine engine = open(EngineFlaw.COMPACTION_IN_PLACE)) {
            for (int round = 0; round < 2; round++) {
                for (int i = 0; i < 100; i++) {
                    engine.put(bytes(String.format("key-%03d", i)), bytes("value " + round));
                }
            }
            long compacted = Files.size(log()) / 2; // one of the two same-sized records of each key
            Thread compaction = new Thread(engine::compact);
            compaction.start();
            byte[] midway = Files.readAllBytes(log());
            for (long deadline = System.nanoTime() + 10_000_000_000L; midway.length >= compacted; ) {
                assertTrue(System.nanoTime() < deadline, "the log never shrank below its compacted size");
                midway = Files.readAllBytes(log());
            }
            compaction.join();
            assertEquals(100, contents(engine).size(), "without a crash nothing is lost");
            Files.createDirectories(scratch.resolve("crashed"));
            Files.write(scratch.resolve("crashed").resolve(FlawedEngine.LOG), midway);
        }
        try (FlawedEngine crashed = FlawedEngine.open(scratch.resolve("crashed"), Durability.SYNC, EngineFlaw.NONE)) {
            assertTrue(crashed.scan(new byte[0]).size() < 100, "a crash in the rewrite loses the keys not back yet");
        }
    }

    @Test
    void splitBatchesWriteOneRecordPerOperation() throws IOException {
        assertEquals(1, recordsOfABatchOfThree(EngineFlaw.NONE));
        assertEquals(3, recordsOfABatchOfThree(EngineFlaw.SPLIT_BATCHES));
    }

    @Test
    void everyMistakeNamesACriterionAndTheCorrectEngineNone() {
        EngineFlaw.mistakes().forEach(f -> assertFalse(f.caughtBy().isBlank(), f.name()));
        assertThrows(IllegalStateException.class, EngineFlaw.NONE::caughtBy);
        assertFalse(EngineFlaw.mistakes().contains(EngineFlaw.NONE));
    }

    /** Puts a, then a value that is torn half-way on disk; returns the log's size before the torn record. */
    private long writeThenTearLast(EngineFlaw flaw) throws IOException {
        long whole;
        try (FlawedEngine engine = open(flaw)) {
            engine.put(bytes("a"), bytes("first"));
            whole = Files.size(log());
            engine.put(bytes("torn"), bytes("a value cut short by a crash"));
        }
        try (FileChannel channel = FileChannel.open(log(), StandardOpenOption.WRITE)) {
            channel.truncate((whole + Files.size(log())) / 2);
        }
        return whole;
    }

    /** Puts a, b and c, and flips a bit of b's value ('v' to 'w'); returns the offset of b's record. */
    private long writeThreeAndFlipABitOfTheSecond() throws IOException {
        long second;
        try (FlawedEngine engine = open(EngineFlaw.NONE)) {
            engine.put(bytes("a"), bytes("value of a"));
            second = Files.size(log());
            engine.put(bytes("b"), bytes("value of b, damaged on disk"));
            engine.put(bytes("c"), bytes("value of c"));
        }
        flipBitOf("value of b");
        return second;
    }

    /** Flips the lowest bit of the first byte of {@code value} in the log. */
    private void flipBitOf(String value) throws IOException {
        byte[] file = Files.readAllBytes(log());
        int at = new String(file, ISO_8859_1).indexOf(value);
        assertTrue(at >= 0, value + " is not in the log");
        file[at] ^= 1;
        Files.write(log(), file);
    }

    /** Puts 30 keys 10 times each and deletes every third, so most records are dead; returns the log's size. */
    private long writeMostlyDeadRecords(StorageEngine engine, Map<String, String> model) throws IOException {
        for (int round = 0; round < 10; round++) {
            for (int i = 0; i < 30; i++) {
                put(engine, model, "key-" + i, round + ":" + "v".repeat(40));
            }
        }
        for (int i = 0; i < 30; i += 3) {
            engine.delete(bytes("key-" + i));
            model.remove("key-" + i);
        }
        return Files.size(log());
    }

    /** How many jdk.FileForce events of the log five puts at sync cause. */
    private long forcesOfFivePuts(EngineFlaw flaw) throws IOException {
        Path events = scratch.resolve(flaw + ".jfr");
        try (Recording recording = new Recording(); FlawedEngine engine = open(flaw)) {
            recording.enable("jdk.FileForce").withThreshold(Duration.ZERO);
            recording.start();
            for (int i = 0; i < 5; i++) {
                long size = Files.size(log());
                engine.put(bytes("k" + i), bytes("v" + i));
                assertTrue(Files.size(log()) > size, "put " + i + " is written before it returns");
            }
            recording.stop();
            recording.dump(events);
        }
        return RecordingFile.readAllEvents(events).stream()
                .filter(e -> e.getEventType().getName().equals("jdk.FileForce"))
                .filter(e -> log().toString().equals(e.getString("path")))
                .count();
    }

    /** Reads 500 keys from 4 threads while one thread compacts {@code compactions} times and another writes. */
    private int missingReadsDuringCompactions(EngineFlaw flaw, int compactions) throws InterruptedException {
        AtomicInteger missing = new AtomicInteger();
        AtomicBoolean done = new AtomicBoolean();
        try (FlawedEngine engine = FlawedEngine.open(scratch.resolve(flaw.name()), Durability.NONE, flaw)) {
            for (int i = 0; i < 500; i++) {
                engine.put(bytes("k" + i), bytes("v0"));
            }
            List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                threads.add(new Thread(() -> {
                    while (!done.get()) {
                        if (engine.get(bytes("k" + ThreadLocalRandom.current().nextInt(500))).isEmpty()) {
                            missing.incrementAndGet();
                        }
                    }
                }));
            }
            threads.add(new Thread(() -> {
                for (int v = 1; !done.get(); v++) {
                    engine.put(bytes("k" + v % 500), bytes("v" + v));
                }
            }));
            threads.forEach(Thread::start);
            for (int c = 0; c < compactions; c++) {
                engine.compact();
            }
            done.set(true);
            for (Thread thread : threads) {
                thread.join();
            }
        }
        return missing.get();
    }

    private int recordsOfABatchOfThree(EngineFlaw flaw) throws IOException {
        Path store = scratch.resolve(flaw.name());
        try (FlawedEngine engine = FlawedEngine.open(store, Durability.SYNC, flaw)) {
            engine.write(new WriteBatch().put(bytes("a"), bytes("1")).put(bytes("b"), bytes("2")).delete(bytes("c")));
        }
        List<Integer> sizes = new ArrayList<>();
        Consumer<List<WriteBatch.Operation>> count = ops -> sizes.add(ops.size());
        RecordCodec.replay(ByteBuffer.wrap(Files.readAllBytes(store.resolve(FlawedEngine.LOG))), true, count);
        assertEquals(3, sizes.stream().mapToInt(Integer::intValue).sum());
        return sizes.size();
    }

    private static void put(StorageEngine engine, Map<String, String> model, String key, String value) {
        engine.put(bytes(key), bytes(value));
        model.put(key, value);
    }

    private static Map<String, String> contents(StorageEngine engine) {
        Map<String, String> found = new HashMap<>();
        engine.scan(new byte[0]).forEach(e -> found.put(string(e.key()), string(e.value())));
        return new TreeMap<>(found);
    }

    private static String value(StorageEngine engine, String key) {
        return engine.get(bytes(key)).map(FlawedEngineTest::string).orElse("(absent)");
    }

    private static byte[] toArray(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        return bytes;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(UTF_8);
    }

    private static String string(byte[] b) {
        return new String(b, UTF_8);
    }
}
