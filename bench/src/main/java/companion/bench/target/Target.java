package companion.bench.target;

import companion.bench.run.BenchResult;
import java.util.List;
import java.util.Optional;

/**
 * One target: {@code subject on workload} compared with {@code against on againstWorkload}, or with nothing for a
 * space target, whose figure is the subject's own files / live bytes.
 *
 * <pre>
 *   ratio = rate(subject, workload) / rate(against, againstWorkload)      (against = null: the subject itself)
 *           against's result measured beside the subject (pairedWith) when there is one, as the floor is
 *   ratio = fileBytes / liveBytes of (subject, workload)                  (space: true)
 *   met   = ratio >= goal, or ratio <= goal when atMost
 * </pre>
 *
 * @param id              stable name, e.g. {@code fillrandom-vs-rocksdb}
 * @param claim           what issue 5 asks, in words: "fillrandom at none: at least 3x RocksDB"
 * @param workload        the subject's workload
 * @param against         the engine compared with, or null for the subject itself
 * @param againstWorkload the workload of the comparison (null for a space target)
 * @param space           whether the figure is the space ratio rather than a ratio of rates
 * @param goal            the ratio asked for
 * @param atMost          true when the ratio must not exceed the goal (space), false when it must reach it
 */
public record Target(String id, String claim, String workload, String against, String againstWorkload,
                     boolean space, double goal, boolean atMost) {

    /** {@code subject}'s rate on {@code workload} over {@code against}'s (or its own) on {@code againstWorkload}. */
    static Target rates(String id, String claim, String workload, String against, String againstWorkload,
                        double atLeast) {
        return new Target(id, claim, workload, against, againstWorkload, false, atLeast, false);
    }

    /** {@code subject}'s files over its live bytes after the space workload. */
    static Target space(String id, String claim, String workload, double atMost) {
        return new Target(id, claim, workload, null, null, true, atMost, true);
    }

    /** The workloads this target needs from a run. */
    List<String> workloads() {
        return againstWorkload == null || againstWorkload.equals(workload) ? List.of(workload)
                : List.of(workload, againstWorkload);
    }

    /** This target for engine {@code subject}, from one run's {@code results}. */
    TargetCheck check(String subject, List<BenchResult> results) {
        String goalText = (atMost ? "<= " : ">= ") + goal;
        Optional<BenchResult> mine = find(results, subject, workload);
        if (mine.isEmpty()) {
            return TargetCheck.missing(id, subject, claim, goalText, subject + " has no " + workload + " result");
        }
        if (space) {
            if (mine.get().space() == null) {
                return TargetCheck.missing(id, subject, claim, goalText, subject + " has no space figure");
            }
            double ratio = mine.get().space().ratio();
            return TargetCheck.measured(id, subject, claim, goalText, ratio, met(ratio),
                    mine.get().space().fileBytes(), mine.get().space().liveBytes(), "bytes");
        }
        String other = against == null ? subject : against;
        Optional<BenchResult> theirs = find(results.stream().filter(r -> subject.equals(r.pairedWith())).toList(),
                other, againstWorkload).or(() -> find(results, other, againstWorkload));
        if (theirs.isEmpty()) {
            return TargetCheck.missing(id, subject, claim, goalText, other + " has no " + againstWorkload
                    + " result");
        }
        double ratio = mine.get().opsPerSec() / theirs.get().opsPerSec();
        return TargetCheck.measured(id, subject, claim, goalText, ratio, met(ratio), mine.get().opsPerSec(),
                theirs.get().opsPerSec(), "ops/sec");
    }

    private boolean met(double ratio) {
        return atMost ? ratio <= goal : ratio >= goal;
    }

    /** A completed result (not stopped, with a rate or a space figure) of {@code engine} on {@code workload}. */
    private static Optional<BenchResult> find(List<BenchResult> results, String engine, String workload) {
        return results.stream().filter(r -> r.engine().equals(engine) && r.workload().equals(workload)
                && r.stopped() == null && (r.opsPerSec() > 0 || r.space() != null)).findFirst();
    }
}
