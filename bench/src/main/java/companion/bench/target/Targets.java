package companion.bench.target;

import companion.bench.run.BenchResult;
import java.util.ArrayList;
import java.util.List;

/**
 * Issue 5's targets for milestone 2's engine (section Performance), measured by {@code companion bench -m 2}:
 *
 * <pre>
 *   fillrandom-vs-rocksdb    m2-fillrandom at none           >= 3x RocksDB
 *   readrandom-vs-lmdb       m2-readrandom at none           >= 1x LMDB
 *   readrandom-vs-hashmap    m2-readrandom at none           >= 0.5x the in-memory hash map (the ceiling)
 *   sync-vs-fdatasync        m2-sync, one writer             >= 0.9x raw append + fdatasync (within 10 %)
 *   group8-vs-sync           m2-group8, 8 writers at group   >= 4x its own m2-sync rate
 *   space-after-compaction   m2-space                        files <= 1.5x the live keys and values
 * </pre>
 */
public final class Targets {
    /** Engines a target is checked for: the course's engine, whoever wrote it. */
    private static final List<String> SUBJECTS = List.of("yours", "reference", "reference-m2");

    private static final List<Target> MILESTONE_TWO = List.of(
            Target.rates("fillrandom-vs-rocksdb", "fillrandom at none: at least 3x RocksDB",
                    "m2-fillrandom", "rocksdb", "m2-fillrandom", 3.0),
            Target.rates("readrandom-vs-lmdb", "readrandom at none: at least 1.0x LMDB",
                    "m2-readrandom", "lmdb", "m2-readrandom", 1.0),
            Target.rates("readrandom-vs-hashmap", "readrandom at none: at least half the in-memory hash map",
                    "m2-readrandom", "hashmap", "m2-readrandom", 0.5),
            Target.rates("sync-vs-fdatasync", "one writer at sync: within 10 % of raw append + fdatasync",
                    "m2-sync", "fdatasync", "m2-sync", 0.9),
            Target.rates("group8-vs-sync", "8 writers at group: at least 4x one writer at sync",
                    "m2-group8", null, "m2-sync", 4.0),
            Target.space("space-after-compaction", "after compaction: files at most 1.5x the live data",
                    "m2-space", 1.5));

    private Targets() {
    }

    /** The targets of milestone 2, in the order issue 5 lists them. */
    public static List<Target> milestoneTwo() {
        return MILESTONE_TWO;
    }

    /**
     * Every target that a run of {@code workloads} on {@code engines} at milestone {@code milestone} can answer,
     * checked for each subject among the engines. {@code yours} and {@code reference} are subjects only from
     * milestone 2 on (before that they are milestone 1's store, which the targets are not about).
     */
    public static List<TargetCheck> check(int milestone, List<String> engines, List<String> workloads,
                                          List<BenchResult> results) {
        List<TargetCheck> checks = new ArrayList<>();
        for (String subject : SUBJECTS) {
            if (!engines.contains(subject) || milestone < 2 && !subject.equals("reference-m2")) {
                continue;
            }
            for (Target target : MILESTONE_TWO) {
                if (workloads.containsAll(target.workloads())) {
                    checks.add(target.check(subject, results));
                }
            }
        }
        return checks;
    }
}
