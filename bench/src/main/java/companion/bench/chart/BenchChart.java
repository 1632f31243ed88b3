package companion.bench.chart;

import companion.bench.run.ScalingPoint;
import java.awt.Color;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.internal.chartpart.Chart;

/**
 * Writes a benchmark run's results as one PNG: a grouped bar chart of ops/sec per workload and engine on the
 * left, and each engine's insert scaling curve on the right.
 *
 * <pre>{@code
 * BenchChart.write(Path.of("bench.png"), "Milestone 1, durability none",
 *         Map.of("fillseq", Map.of("yours", 41_000.0, "reference", 690_000.0)),
 *         List.of(new ScalingPoint("yours", 1_000, 52_000.0, 19, null), ...));
 * }</pre>
 *
 * An engine has the same colour in both panels; "yours" and "reference" have their own, louder ones. The image is
 * {@value #WIDTH} × {@value #HEIGHT} pixels whether or not there is a scaling panel, so that charts of several
 * runs line up. Rendering needs no display: headless mode is switched on unless the caller chose otherwise.
 */
public final class BenchChart {
    /** Width of the whole image, in pixels. */
    public static final int WIDTH = 1400;
    /** Height of the whole image, in pixels. */
    public static final int HEIGHT = 600;
    /** Height of the band across the top that holds the overall title. */
    private static final int TITLE_BAND = 44;

    static {
        // Before any AWT class loads: on a machine without a display, AWT would otherwise fail to start.
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    private BenchChart() {
    }

    /**
     * Writes the chart to {@code png}, creating its parent directories and replacing any file there.
     *
     * @param png                           where to write the PNG
     * @param title                         the headline across the top, e.g. the milestone and durability
     * @param opsPerSecByWorkloadThenEngine ops/sec by workload (the bar groups, in the map's order), then engine;
     *                                      a missing, zero or non-finite value leaves a gap; with no value at all
     *                                      the scaling panel takes the whole width
     * @param scaling                       the scaling steps of every engine, in any order; empty for no scaling
     *                                      panel, in which case the bar chart takes the whole width
     * @throws IllegalArgumentException if there is nothing at all to draw (no positive value and no scaling step)
     * @throws UncheckedIOException     if the file cannot be written
     */
    public static void write(Path png, String title, Map<String, Map<String, Double>> opsPerSecByWorkloadThenEngine,
                             List<ScalingPoint> scaling) {
        Objects.requireNonNull(png, "png");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(opsPerSecByWorkloadThenEngine, "opsPerSecByWorkloadThenEngine");
        Objects.requireNonNull(scaling, "scaling");
        boolean bars = BarPanel.hasBars(opsPerSecByWorkloadThenEngine);
        boolean curves = !scaling.isEmpty();
        if (!bars && !curves) {
            throw new IllegalArgumentException("nothing to chart: no positive ops/sec value and no scaling steps");
        }
        Map<String, Color> colors = EngineColors.assign(engines(opsPerSecByWorkloadThenEngine, scaling));

        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, WIDTH, HEIGHT);
            drawTitle(g, title);
            int panelHeight = HEIGHT - TITLE_BAND;
            int panelWidth = bars && curves ? WIDTH / 2 : WIDTH;
            int x = 0;
            if (bars) {
                draw(g, BarPanel.build(panelWidth, panelHeight, opsPerSecByWorkloadThenEngine, colors), x);
                x += panelWidth;
            }
            if (curves) {
                draw(g, ScalingPanel.build(panelWidth, panelHeight, scaling, colors), x);
            }
        } finally {
            g.dispose();
        }
        try {
            Path parent = png.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            if (!ImageIO.write(image, "png", png.toFile())) {
                throw new IOException("no PNG writer in this JDK");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write chart " + png, e);
        }
    }

    /** Every engine named in either input, each once. */
    private static Set<String> engines(Map<String, Map<String, Double>> bars, List<ScalingPoint> scaling) {
        Set<String> engines = new LinkedHashSet<>();
        for (Map<String, Double> byEngine : bars.values()) {
            engines.addAll(byEngine.keySet());
        }
        for (ScalingPoint p : scaling) {
            engines.add(Objects.requireNonNull(p.engine(), "a scaling point has no engine"));
        }
        return engines;
    }

    /** Renders one XChart chart on its own, then pastes it below the title band at {@code x}. */
    private static void draw(Graphics2D g, Chart<?, ?> chart, int x) {
        BufferedImage panel = BitmapEncoder.getBufferedImage(chart);
        g.drawImage(panel, x, TITLE_BAND, null);
    }

    private static void drawTitle(Graphics2D g, String title) {
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setFont(ChartStyle.TITLE_FONT.deriveFont(20f));
        g.setColor(Color.BLACK);
        FontMetrics metrics = g.getFontMetrics();
        int x = Math.max(8, (WIDTH - metrics.stringWidth(title)) / 2);
        int y = (TITLE_BAND + metrics.getAscent() - metrics.getDescent()) / 2;
        g.drawString(title, x, y);
    }
}
