package companion.bench.run;

import companion.bench.engine.EngineSettings;
import companion.bench.workload.Keys;
import companion.bench.workload.Workload;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Runs of several {@link Lane}s (an engine on a workload) taken in turns, one run of each per round, so that two
 * figures a target divides were measured in the same minute of the disk. This disk's fsync rate moves by a third
 * or more between runs seconds apart, so a ratio of two durable workloads measured one after the other measures
 * the disk's mood as much as the engine.
 *
 * <pre>{@code
 *   lanes [fdatasync m2-sync, reference m2-sync, reference m2-group8]
 *   round 0 (warm-up):  fdatasync  sync  group8          even rounds: in order
 *   round 1:            group8  sync  fdatasync          odd rounds: reversed
 *   round 2:            fdatasync  sync  group8          ...
 * }</pre>
 *
 * Reversing every other round keeps each lane next to its neighbours on both sides, so a lane in the middle (the
 * one both targets divide by) is always beside both. The last warm-up round counts each lane's fsyncs; measured
 * rounds are only timed (see {@link WorkloadRunner}).
 */
final class InterleavedRuns {

    /** One engine on one workload, and what its runs gave. */
    static final class Lane {
        final String engine;
        final WorkloadRunner runner;
        final Workload workload;
        final EngineSettings settings;
        final int threads;
        final int[] order;
        /** For a paired baseline, the engine in whose JVM it runs; null for the engine itself. */
        final String pairedWith;
        final List<Measurement> runs = new ArrayList<>();
        /** The warm-up run that counted the fsyncs, or null. */
        Measurement forceRun;
        /** Why the lane's last run was cut short, or null. */
        String stopped;
        /** What a run threw, or null: the lane then runs no more. */
        Throwable failure;

        Lane(String engine, WorkloadRunner runner, Workload workload, EngineSettings settings, int threads,
             int[] order, String pairedWith) {
            this.engine = engine;
            this.runner = runner;
            this.workload = workload;
            this.settings = settings;
            this.threads = threads;
            this.order = order;
            this.pairedWith = pairedWith;
        }

        boolean active() {
            return stopped == null && failure == null;
        }

        private void runOnce(Keys keys, long budget, boolean measured, boolean count) {
            Measurement m;
            try {
                m = runner.runOnce(workload, keys, order, threads, budget, count);
            } catch (RuntimeException | Error e) {
                failure = e;
                return;
            }
            stopped = m.stopped();
            if (measured || stopped != null) {
                runs.add(m);
            }
            if (count) {
                forceRun = m;
            }
        }
    }

    private InterleavedRuns() {
    }

    /**
     * {@code warmups} then {@code runs} rounds over {@code lanes}, each run on a fresh store. A lane that is stopped
     * (over the budget) or fails runs no more; the rounds end when no lane of the engine itself (not a paired
     * baseline) is left running.
     */
    static void run(List<Lane> lanes, Keys keys, int warmups, int runs, long budget) {
        List<Lane> reversed = new ArrayList<>(lanes);
        Collections.reverse(reversed);
        for (int i = 0; i < warmups + runs && lanes.stream().anyMatch(l -> l.pairedWith == null && l.active()); i++) {
            boolean measured = i >= warmups;
            boolean count = i == warmups - 1;
            for (Lane lane : i % 2 == 0 ? lanes : reversed) {
                if (lane.active()) {
                    lane.runOnce(keys, budget, measured, count);
                }
            }
        }
    }
}
