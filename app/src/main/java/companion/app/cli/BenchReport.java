package companion.app.cli;

import companion.app.runner.BenchRun;
import companion.bench.engine.EngineSettings;
import companion.bench.engine.Engines;
import companion.bench.run.BenchPlan;
import companion.bench.run.BenchResult;
import companion.bench.run.ScalingPoint;
import companion.bench.run.SpaceUse;
import companion.bench.target.TargetCheck;
import companion.bench.workload.Workload;
import companion.bench.workload.Workloads;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything one {@code companion bench} run measured, and its text rendering:
 *
 * <pre>
 * workload m1-inserts: 1,000 puts of distinct keys ..., 16 B keys / 100 B values, durability none, seed 42,
 *   median of 5 runs
 *   yours       Results: 1,000 inserts, avg 39.12ms, 25,412 ops/sec    (yours = 0.02x)
 *   reference   Results: 1,000 inserts, avg 0.61ms, 1,639,344 ops/sec
 * </pre>
 */
final class BenchReport {
    private final BenchRun.Outcome outcome;
    private final BenchPlan plan;

    BenchReport(BenchRun.Outcome outcome) {
        this.outcome = outcome;
        this.plan = outcome.plan();
    }

    private Optional<BenchResult> result(String engine, String workload) {
        return outcome.results().stream().filter(r -> r.engine().equals(engine) && r.workload().equals(workload))
                .findFirst();
    }

    void print(PrintStream out, String scratch) {
        for (String workload : plan.workloads()) {
            printWorkload(out, Workloads.named(workload));
        }
        printTable(out);
        printSpace(out);
        printScaling(out);
        printTargets(out);
        out.println("settings (what each durability means per engine; same JVM options for all):");
        outcome.settings().forEach((engine, byMode) -> byMode.forEach((mode, s) ->
                out.printf("  %-12s %-6s %s%n", engine, mode, s.describe())));
        out.println("  scratch     " + scratch);
        if (!outcome.errors().isEmpty() || !outcome.failures().isEmpty()) {
            out.println();
            out.println("errors:");
            outcome.failures().forEach((step, why) -> out.println("  " + step + ": " + why));
            outcome.errors().forEach(e -> out.println("  " + e));
        }
    }

    /** The workload's header, then the seed's line for every engine that ran it (or why it did not). */
    private void printWorkload(PrintStream out, Workload w) {
        String workload = w.name();
        String data = w.operation() == Workload.Operation.YCSB ? "YCSB's keys, mix and randomness (not seedable)"
                : String.format("%d B keys / %d B values, seed %d", plan.keySize(), plan.valueSize(), plan.seed());
        String durability = w.durabilityIn(plan.durability()).word();
        int threads = w.threadsIn(plan.threads());
        String runs = w.operation() == Workload.Operation.SPACE || plan.runs() == 1 ? "1 run"
                : "median of " + plan.runs() + " runs after " + plan.warmups() + " warm-up"
                        + (plan.warmups() == 1 ? "" : "s");
        String turns = w.alternatesWith() != null && plan.workloads().contains(w.alternatesWith())
                ? ", runs taken in turns with " + w.alternatesWith() + "'s" : "";
        out.printf("workload %s: %s, %s, durability %s%s, %s%s%n", workload, w.description(), data, durability,
                threads == 1 ? "" : ", " + threads + " threads", runs, turns);
        Optional<BenchResult> reference = result("reference", workload);
        for (String engine : outcome.settings().keySet()) {
            Optional<EngineSettings> s = outcome.settings(engine, durability);
            List<BenchResult> all = outcome.results().stream()
                    .filter(x -> x.engine().equals(engine) && x.workload().equals(workload)).toList();
            Optional<BenchResult> r = all.stream().findFirst();
            String failure = outcome.failures().get(engine + " " + workload);
            if (r.isEmpty() && failure == null && Engines.isBaseline(engine)) {
                continue; // a baseline runs only the workloads whose targets need it
            }
            if (s.isPresent() && !s.get().honoured()) {
                out.printf("  %-12s not run: %s%n", engine, s.get().reason());
                continue;
            }
            if (r.isEmpty()) {
                String why = failure != null ? failure : "no result (see errors below)";
                out.printf("  %-12s %s%n", engine, why.startsWith("not run: ") ? why : "failed: " + why);
                continue;
            }
            for (BenchResult each : all) { // a paired floor has one result per course engine it was measured beside
                String ratio = reference.isPresent() && !engine.equals("reference") && each.stopped() == null
                        && reference.get().opsPerSec() > 0 && each.space() == null
                        ? String.format("    (%s = %sx reference)", engine,
                                ratio(each.opsPerSec() / reference.get().opsPerSec()))
                        : "";
                String beside = each.pairedWith() == null ? ""
                        : "    measured beside " + each.pairedWith() + ", run for run";
                out.printf("  %-12s %s%s%s%n", engine, each.resultLine(), ratio, beside);
            }
        }
        out.println();
    }

    private void printTable(PrintStream out) {
        out.printf("%-12s %-13s %-10s %14s %12s %9s %10s %11s %10s%n", "engine", "workload", "durability",
                "ops/sec", "median ms", "spread", "writes/op", "bytes/op", "fsyncs/op");
        for (BenchResult r : outcome.results()) {
            if (r.space() != null) {
                continue; // its figure is a ratio of bytes: the space table below
            }
            out.printf("%-12s %-13s %-10s %14s %12.2f %8.0f%% %10s %11s %10s%n",
                    r.engine() + (r.pairedWith() == null ? "" : "^"), r.workload(),
                    r.durability() + (r.threads() == 1 ? "" : " x" + r.threads()),
                    r.stopped() != null ? "stopped" : String.format("%,.0f", r.opsPerSec()), r.medianMillis(),
                    r.spreadPercent(), r.writeCallsPerOp() == null ? "-" : String.format("%.2f", r.writeCallsPerOp()),
                    r.bytesPerOp() == null ? "-" : String.format("%.0f", r.bytesPerOp()),
                    r.fsyncsPerOp() == null ? "-" : String.format("%.2f", r.fsyncsPerOp()));
        }
        out.println("(writes/op, bytes/op: write system calls and bytes from /proc/self/io; fsyncs/op:"
                + " FileChannel.force calls, seen for Java engines only, counted in the last warm-up run; '-' where"
                + " not measurable; x8: 8 client threads; ^: measured in the JVM of the engine it is compared with,"
                + " one run beside each of its runs)");
        out.println();
    }

    /** Space after compaction: files against live data, per engine, with the call that compacted. */
    private void printSpace(PrintStream out) {
        List<BenchResult> space = outcome.results().stream().filter(r -> r.space() != null).toList();
        if (space.isEmpty()) {
            return;
        }
        out.println("space after compaction (file bytes: every file in the store's directory, store open):");
        out.printf("  %-12s %-16s %14s %14s %7s %8s %13s%n", "engine", "compaction", "file bytes", "live bytes",
                "files", "ratio", "compact ms");
        for (BenchResult r : space) {
            SpaceUse u = r.space();
            out.printf("  %-12s %-16s %,14d %,14d %7d %7.2fx %13s%n", r.engine(), u.compaction(), u.fileBytes(),
                    u.liveBytes(), u.files(), u.ratio(), u.compaction().equals(SpaceUse.NOT_AVAILABLE) ? "-"
                            : String.format("%,.0f", u.compactMillis()));
        }
        out.println();
    }

    /** Issue 5's targets, each a ratio of two figures of this run. */
    private void printTargets(PrintStream out) {
        List<TargetCheck> targets = outcome.targets();
        if (targets.isEmpty()) {
            return;
        }
        out.println("targets (issue 5; ratios within this run):");
        for (TargetCheck t : targets) {
            String figures = t.ratio() == null ? "" : String.format("    (%,.0f / %,.0f %s)", t.numerator(),
                    t.denominator(), t.unit());
            out.printf("  %-12s %-60s %s%s%n", t.engine(), t.claim(), t.verdict(), figures);
        }
        out.println();
    }

    private void printScaling(PrintStream out) {
        if (plan.scaling().isEmpty()) {
            return;
        }
        out.print("scaling (m1-inserts ops/sec at N = " + String.join(", ", plan.scaling().stream()
                .map(BenchReport::size).toList()) + "):");
        out.println();
        for (String engine : outcome.settings().keySet()) {
            List<ScalingPoint> points = outcome.scaling().stream().filter(p -> p.engine().equals(engine)).toList();
            if (points.isEmpty()) {
                continue;
            }
            List<String> steps = new ArrayList<>();
            for (ScalingPoint p : points) {
                steps.add(p.stopped() == null ? String.format("%,.0f", p.opsPerSec())
                        : String.format("stopped at %s (over %d s; %,.0f ops/sec until then)", size(p.n()),
                                plan.budgetSeconds(), p.millis() == 0 ? 0.0 : p.done() * 1000.0 / p.millis()));
            }
            out.printf("  %-12s %s%n", engine, String.join(" → ", steps));
        }
        out.println();
    }

    /** 2.4, 0.53, 0.0037: two significant digits, however small. */
    static String ratio(double x) {
        if (x >= 10) {
            return String.format("%.0f", x);
        }
        String digits = new java.math.BigDecimal(x).round(new java.math.MathContext(2)).toPlainString();
        return digits.contains(".") ? digits : digits + ".0";
    }

    /** 1k, 10k, 1M. */
    static String size(long n) {
        if (n >= 1_000_000 && n % 1_000_000 == 0) {
            return n / 1_000_000 + "M";
        }
        if (n >= 1_000 && n % 1_000 == 0) {
            return n / 1_000 + "k";
        }
        return Long.toString(n);
    }
}
