package companion.app.cli;

import companion.app.runner.BenchRun;
import companion.bench.engine.EngineSettings;
import companion.bench.run.BenchPlan;
import companion.bench.run.BenchResult;
import companion.bench.run.ScalingPoint;
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
 * workload m1-inserts: 1,000 puts of distinct keys ..., 16 B keys / 100 B values, durability none, seed 42, median of 5 runs
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
            Workload w = Workloads.named(workload);
            String data = w.operation() == Workload.Operation.YCSB ? "YCSB's keys, mix and randomness (not seedable)"
                    : String.format("%d B keys / %d B values, seed %d", plan.keySize(), plan.valueSize(), plan.seed());
            out.printf("workload %s: %s, %s, durability %s, %s%n", workload, w.description(), data,
                    plan.durability().word(), plan.runs() == 1 ? "1 run" : "median of " + plan.runs()
                            + " runs after " + plan.warmups() + " warm-up" + (plan.warmups() == 1 ? "" : "s"));
            Optional<BenchResult> reference = result("reference", workload);
            for (String engine : outcome.settings().keySet()) {
                EngineSettings s = outcome.settings().get(engine);
                if (!s.honoured()) {
                    out.printf("  %-12s not run: %s%n", engine, s.reason());
                    continue;
                }
                Optional<BenchResult> r = result(engine, workload);
                if (r.isEmpty()) {
                    String why = outcome.failures().getOrDefault(engine + " " + workload, "no result (see errors below)");
                    out.printf("  %-12s %s%n", engine, why.startsWith("not run: ") ? why : "failed: " + why);
                    continue;
                }
                String ratio = reference.isPresent() && !engine.equals("reference") && r.get().stopped() == null
                        && reference.get().opsPerSec() > 0
                        ? String.format("    (%s = %sx reference)", engine,
                                ratio(r.get().opsPerSec() / reference.get().opsPerSec()))
                        : "";
                out.printf("  %-12s %s%s%n", engine, r.get().resultLine(), ratio);
            }
            out.println();
        }
        printTable(out);
        printScaling(out);
        out.println("settings (what each durability means per engine; same JVM options for all):");
        outcome.settings().forEach((engine, s) -> out.printf("  %-12s %s%n", engine, s.describe()));
        out.println("  scratch     " + scratch);
        if (!outcome.errors().isEmpty() || !outcome.failures().isEmpty()) {
            out.println();
            out.println("errors:");
            outcome.failures().forEach((step, why) -> out.println("  " + step + ": " + why));
            outcome.errors().forEach(e -> out.println("  " + e));
        }
    }

    private void printTable(PrintStream out) {
        out.printf("%-12s %-13s %14s %12s %9s %10s %11s %10s%n", "engine", "workload", "ops/sec", "median ms",
                "spread", "writes/op", "bytes/op", "fsyncs/op");
        for (BenchResult r : outcome.results()) {
            out.printf("%-12s %-13s %14s %12.2f %8.0f%% %10s %11s %10s%n", r.engine(), r.workload(),
                    r.stopped() != null ? "stopped" : String.format("%,.0f", r.opsPerSec()), r.medianMillis(),
                    r.spreadPercent(), r.writeCallsPerOp() == null ? "-" : String.format("%.2f", r.writeCallsPerOp()),
                    r.bytesPerOp() == null ? "-" : String.format("%.0f", r.bytesPerOp()),
                    r.fsyncsPerOp() == null ? "-" : String.format("%.2f", r.fsyncsPerOp()));
        }
        out.println("(writes/op, bytes/op: write system calls and bytes from /proc/self/io; fsyncs/op: FileChannel.force"
                + " calls, seen for Java engines only; '-' where not measurable)");
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
