package companion.app.cli;

import java.io.PrintStream;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Progress of a benchmark run on standard error: a progress bar on a terminal, plain lines elsewhere (when piped,
 * or when {@code CI} is set), because the bar redraws with escape codes that make a log unreadable.
 */
final class BenchProgress implements AutoCloseable {
    private final ProgressBar bar;
    private final PrintStream plain;
    private final long total;
    private long done;

    private BenchProgress(ProgressBar bar, PrintStream plain, long total) {
        this.bar = bar;
        this.plain = plain;
        this.total = total;
    }

    /** A progress display for {@code total} steps; silent when {@code quiet}. */
    static BenchProgress start(long total, boolean quiet) {
        if (quiet) {
            return new BenchProgress(null, null, total);
        }
        if (System.console() == null || System.getenv("CI") != null) {
            return new BenchProgress(null, System.err, total);
        }
        ProgressBar bar = new ProgressBarBuilder().setTaskName("bench").setInitialMax(total)
                .setStyle(ProgressBarStyle.ASCII).setConsumer(new me.tongfei.progressbar.ConsoleProgressBarConsumer(
                        System.err)).build();
        return new BenchProgress(bar, null, total);
    }

    /** One more step is starting: {@code what} (e.g. "rocksdb m1-inserts"). */
    void step(String what) {
        done++;
        if (bar != null) {
            bar.setExtraMessage(what);
            bar.stepTo(Math.min(done, total));
        } else if (plain != null) {
            plain.printf("[%d/%d] %s%n", Math.min(done, total), total, what);
        }
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
        }
    }
}
