package companion.course.m2;

import static companion.course.m2.EngineSession.bytes;

import companion.api.CorruptionException;
import companion.api.Durability;
import companion.course.criteria.Criterion;
import companion.course.criteria.CriterionFailure;
import companion.course.criteria.Quote;
import companion.course.criteria.Subject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Milestone 2's acceptance criteria: a storage engine that logs before it acknowledges, recovers from a crash at any
 * point, detects damage, and compacts in the background without losing or resurrecting a value.
 *
 * <p>Three kinds of check, each what a real failure looks like: a child JVM killed with SIGKILL (the crash harness),
 * the engine's files damaged on purpose between a close and an open (a torn write, a flipped bit), and the JDK's
 * flight recorder watching writes and forces (what a kill cannot show: only a power cut loses unforced bytes).
 */
public class StorageEngineCriteria {
    /** Crash-harness runs of wal-replay-after-kill; each is two JVMs and a kill. */
    static final int REPLAY_RUNS = 8;
    /** Crash-harness runs of crash-during-compaction. */
    static final int COMPACTION_CRASH_RUNS = 12;
    /** How often thread 0 compacts in crash-during-compaction, in percent of its operations. */
    static final int COMPACTION_CRASH_PERCENT = 25;

    @TempDir
    Path dir;

    private Path store() {
        return dir.resolve("store");
    }

    @Test
    @Criterion("wal-replay-after-kill")
    void walReplayAfterKill() {
        // No compaction here: this criterion is for the log and its replay (lesson step 4), before compaction exists.
        new KillRuns(Subject.current(), Durability.SYNC, 0).expectNoViolations(REPLAY_RUNS, dir.resolve("crash"));
    }

    @Test
    @Criterion("durable-ack")
    void durableAck() {
        try (EngineSession s = EngineSession.open(store(), Durability.SYNC)) {
            List<String> calls = new ArrayList<>();
            try (ForceWatch watch = ForceWatch.start(store())) {
                s.step("put 40 keys one by one (\"key-00\" to \"key-39\", 100-byte values), watching the engine's"
                        + " file writes and forces with JDK Flight Recorder", () -> {
                            for (int i = 0; i < 40; i++) {
                                String key = String.format("key-%02d", i);
                                calls.add("put(" + Quote.of(key) + ", …) (write " + (i + 1) + " of 40)");
                                s.engine().put(bytes(key), bytes("value " + i + " " + "x".repeat(90)));
                                watch.acknowledged(i);
                            }
                        });
                Optional<String> problem = watch.firstUnforcedAck(calls);
                if (problem.isPresent()) {
                    throw s.failure("every put at sync to write its record, then force the file"
                                    + " (FileChannel.force), then return", problem.get(),
                            "without the force the bytes sit in the OS's page cache: a kill keeps them, a power cut"
                                    + " loses them, and the write was acknowledged");
                }
            }
        }
    }

    @Test
    @Criterion("torn-tail-recovery")
    void tornTailRecovery() {
        String torn = "the torn value, " + "t".repeat(180);
        try (EngineSession s = EngineSession.open(store(), Durability.SYNC)) {
            Map<String, String> earlier = numbered("key", 10, "value");
            s.putEach(earlier);
            s.closeEngine();
            Map<Path, byte[]> before = OnDisk.snapshot(store());
            s.openAgain();
            s.put("torn", torn);
            s.closeEngine();
            s.record(tear(s, before, torn, torn));
            String note = "a torn last record is what a crash in the middle of a write leaves: recovery drops it"
                    + " (it was never acknowledged) and reports how many bytes it dropped";
            s.openAgain();
            s.expectEach(earlier, "the records before the torn one are whole: recovery keeps them");
            s.expect("torn", null, note);
            s.put("after", "written after recovery");
            s.reopen();
            s.expect("after", "written after recovery", "recovery must cut the file back to the end of the last"
                    + " whole record, so that the next append lands there and not after the torn bytes, where the"
                    + " next replay stops");
            s.expectEach(earlier, null);
        }
    }

    @Test
    @Criterion("checksum-detects-corruption")
    void checksumDetectsCorruption() {
        Map<String, String> pairs = numbered("key", 6, "value, long enough to find on disk");
        String damaged = "key-03";
        try (EngineSession s = EngineSession.open(store(), Durability.SYNC)) {
            s.putEach(pairs);
            s.closeEngine();
            byte[] value = bytes(pairs.get(damaged));
            OnDisk.Place place = OnDisk.find(OnDisk.snapshot(store()), value);
            if (place == null) {
                throw s.failure("the bytes of the value of " + Quote.of(damaged) + " in one of the store's files",
                        "not found in any", "store values as they are (the criterion finds a record by its value)");
            }
            OnDisk.Place flipped = new OnDisk.Place(place.file(), place.offset() + value.length / 2);
            OnDisk.flipBit(flipped);
            String file = store().relativize(place.file()).toString();
            s.record("flip one bit of " + file + " at byte " + flipped.offset() + ", inside the value of "
                    + Quote.of(damaged) + ", as a failing disk might");
            try {
                s.openAgain();
                Optional<String> got = s.get(damaged);
                throw s.failure("a CorruptionException from open (or from this get) naming " + file + " and an"
                                + " offset at or before byte " + flipped.offset(),
                        "it returned " + Quote.result(got.map(EngineSession::shown)),
                        "store a checksum (CRC32C) of each record when writing it, and check it when reading");
            } catch (CriterionFailure failure) {
                CorruptionException corruption = corruptionIn(failure);
                if (corruption == null) {
                    throw failure;
                }
                if (!corruption.file().getFileName().equals(place.file().getFileName())
                        || corruption.offset() < 0 || corruption.offset() > flipped.offset()) {
                    throw s.failure("a CorruptionException naming " + file + " and an offset at or before byte "
                                    + flipped.offset(), "one naming " + corruption.file() + " at offset "
                                    + corruption.offset(),
                            "the offset to report is where the damaged record starts, in the file it is in");
                }
            }
        }
    }

    /** The CorruptionException behind a failure the session made of what the engine threw, or null. */
    private static CorruptionException corruptionIn(CriterionFailure failure) {
        for (Throwable cause = failure.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof CorruptionException corruption) {
                return corruption;
            }
        }
        return null;
    }

    @Test
    @Criterion("compaction-reclaims-space")
    void compactionReclaimsSpace() {
        try (EngineSession s = EngineSession.open(store(), Durability.NONE)) {
            s.step("put each of 200 keys 20 times (100-byte values)", () -> {
                for (int round = 0; round < 20; round++) {
                    for (int i = 0; i < 200; i++) {
                        s.engine().put(bytes(key(i)), bytes(round + ":" + "v".repeat(98)));
                    }
                }
            });
            s.step("delete every other key", () -> {
                for (int i = 0; i < 200; i += 2) {
                    s.engine().delete(bytes(key(i)));
                }
            });
            long live = 0;
            for (int i = 1; i < 200; i += 2) {
                live += bytes(key(i)).length + 100;
            }
            long before = OnDisk.usedBytes(store());
            s.compact();
            long after = OnDisk.usedBytes(store());
            s.record("count the bytes of the store's files (up to each file's last non-zero byte)");
            if (after > 2 * live) {
                throw s.failure("at most " + 2 * live + " bytes (twice the " + live + " bytes of live keys and"
                                + " values)", after + " bytes (" + before + " before compact())",
                        "compaction keeps only the latest record of each live key and then deletes the files"
                                + " that held the rest; tombstones of deleted keys can go with them");
            }
            s.expect(key(1), "19:" + "v".repeat(98), "compaction must keep the latest value");
            s.expect(key(0), null, "a deleted key stays deleted after compaction");
        }
    }

    @Test
    @Criterion("compaction-keeps-latest")
    void compactionKeepsLatest() {
        Map<String, String> model = new LinkedHashMap<>();
        try (EngineSession s = EngineSession.open(store(), Durability.NONE)) {
            s.step("put keys \"key-000\" to \"key-029\" three times each (values \"version N of KEY\")", () -> {
                for (int version = 1; version <= 3; version++) {
                    for (int i = 0; i < 30; i++) {
                        model.put(key(i), "version " + version + " of " + key(i));
                        s.engine().put(bytes(key(i)), bytes(model.get(key(i))));
                    }
                }
            });
            s.step("delete \"key-000\" to \"key-009\"", () -> {
                for (int i = 0; i < 10; i++) {
                    s.engine().delete(bytes(key(i)));
                    model.put(key(i), null);
                }
            });
            s.put(key(5), "put again after its delete");
            model.put(key(5), "put again after its delete");
            Map<String, String> batch = new LinkedHashMap<>();
            for (int i = 20; i < 24; i++) {
                batch.put(key(i), "from a batch: " + key(i));
            }
            s.putAll(batch);
            model.putAll(batch);
            String note = "compaction copies the latest record of each live key and nothing else; a deleted key's old"
                    + " values must not come back, even after a reopen";
            s.compact();
            s.expectEach(model, note);
            s.reopen();
            s.expectEach(model, note);
            s.put(key(25), "after the first compaction");
            model.put(key(25), "after the first compaction");
            s.compact();
            s.reopen();
            s.expectEach(model, note);
        }
    }

    @Test
    @Criterion("reads-during-compaction")
    void readsDuringCompaction() throws InterruptedException {
        try (EngineSession s = EngineSession.open(store(), Durability.NONE)) {
            new CompactionRace(s, 500, 4).run();
        }
    }

    @Test
    @Criterion("crash-during-compaction")
    void crashDuringCompaction() {
        new KillRuns(Subject.current(), Durability.SYNC, COMPACTION_CRASH_PERCENT)
                .expectNoViolations(COMPACTION_CRASH_RUNS, dir.resolve("crash"));
    }

    @Test
    @Criterion("atomic-batch")
    void atomicBatch() {
        Map<String, String> batch = numbered("batch", 8, "value in the batch, long enough to find on disk");
        try (EngineSession s = EngineSession.open(store(), Durability.SYNC)) {
            s.put("before", "written before the batch");
            s.closeEngine();
            Map<Path, byte[]> before = OnDisk.snapshot(store());
            s.openAgain();
            s.putAll(batch);
            s.closeEngine();
            List<String> values = new ArrayList<>(batch.values());
            s.record(tear(s, before, values.get(0), values.get(values.size() - 1)));
            s.openAgain();
            List<String> present = new ArrayList<>();
            s.step("get each of the 8 keys of the batch", () -> {
                for (String key : batch.keySet()) {
                    Optional<byte[]> got = s.engine().get(bytes(key));
                    if (got != null && got.isPresent()) {
                        present.add(key);
                    }
                }
            });
            if (!present.isEmpty() && present.size() < batch.size()) {
                throw s.failure("all 8 keys of the batch, or none of them", present.size() + " of them: "
                                + String.join(", ", present),
                        "write the whole batch as one record with one checksum, so that replay applies all of it"
                                + " or, when it is torn, none");
            }
            Map<String, String> expected = new LinkedHashMap<>();
            batch.forEach((key, value) -> expected.put(key, present.isEmpty() ? null : value));
            s.expectEach(expected, "a value that comes back must be the one written");
            s.expect("before", "written before the batch", null);
        }
    }

    /** Tears the last write (see {@link OnDisk#tearAfter}); a failure when its values cannot be found. */
    private static String tear(EngineSession s, Map<Path, byte[]> before, String first, String last) {
        try {
            return OnDisk.tearAfter(s.dir(), before, bytes(first), bytes(last));
        } catch (IllegalStateException e) {
            throw s.failure("the written values' bytes in one of the store's files", e.getMessage(),
                    "store values as they are: the criterion finds a record on disk by its value");
        }
    }

    /** {@code count} keys {@code prefix-00}... with values {@code "text 0"}... in order. */
    private static Map<String, String> numbered(String prefix, int count, String text) {
        Map<String, String> pairs = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            pairs.put(String.format("%s-%02d", prefix, i), text + " " + i);
        }
        return pairs;
    }

    static String key(int i) {
        return String.format("key-%03d", i);
    }
}
