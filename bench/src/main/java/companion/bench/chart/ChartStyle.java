package companion.bench.chart;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.Collection;
import java.util.Locale;
import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.Styler;

/** What both panels share: fonts, a plain white look, and how numbers are written on axes and in legends. */
final class ChartStyle {
    /** Logical font names, present in every JDK, so that headless rendering needs no particular font installed. */
    static final Font TITLE_FONT = new Font(Font.SANS_SERIF, Font.BOLD, 16);
    static final Font BODY_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 13);
    static final Font SMALL_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 12);

    /**
     * Tick labels of a logarithmic axis: {@code 1,000 10,000 100,000}. Not {@link #compact}: XChart 3.8 drops the
     * logarithmic tick placement when given a custom tick formatter, so the labels would no longer match the data.
     */
    static final String LOG_AXIS_PATTERN = "#,###";

    private ChartStyle() {
    }

    /** The common look: white background, light grid, no borders that compete with the data. */
    static void apply(AxesChartStyler styler) {
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setPlotBackgroundColor(Color.WHITE);
        styler.setPlotBorderVisible(false);
        styler.setPlotGridLinesColor(new Color(0xE6, 0xE6, 0xE6));
        styler.setLegendBorderColor(Color.WHITE);
        styler.setChartTitleBoxBorderColor(Color.WHITE);
        styler.setChartTitleFont(TITLE_FONT);
        styler.setAxisTitleFont(BODY_FONT);
        styler.setAxisTickLabelsFont(SMALL_FONT);
        styler.setLegendFont(BODY_FONT);
        styler.setChartPadding(18);
        styler.setAntiAlias(true);
    }

    /**
     * Puts the legend in one row under the plot when it fits the panel's width, else in a column to the right:
     * XChart never wraps a legend row, so a long one (many engines, "stopped at" notes) would be cut off.
     *
     * @param labels the legend's entries
     * @param width  the panel's width in pixels
     */
    static void placeLegend(AxesChartStyler styler, Collection<String> labels, int width) {
        int needed = 2 * styler.getChartPadding();
        for (String label : labels) {
            // Each entry: its swatch (a line or a box), the text, and XChart's padding around both.
            needed += styler.getLegendSeriesLineLength() + textWidth(styler.getLegendFont(), label)
                    + 3 * styler.getLegendPadding();
        }
        boolean row = needed * 1.1 <= width; // a margin: XChart's own layout adds a few pixels we do not model
        styler.setLegendPosition(row ? Styler.LegendPosition.OutsideS : Styler.LegendPosition.OutsideE);
        styler.setLegendLayout(row ? Styler.LegendLayout.Horizontal : Styler.LegendLayout.Vertical);
    }

    /** Width in pixels of {@code text} in {@code font}, measured off screen (headless-safe). */
    static int textWidth(Font font, String text) {
        BufferedImage scratch = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = scratch.createGraphics();
        try {
            FontMetrics metrics = g.getFontMetrics(font);
            return metrics.stringWidth(text);
        } finally {
            g.dispose();
        }
    }

    /** The power of ten at or below {@code value} (positive): where a logarithmic axis should start. */
    static double decadeBelow(double value) {
        return Math.pow(10, Math.floor(Math.log10(value)));
    }

    /** The power of ten at or above {@code value} (positive): where a logarithmic axis should end. */
    static double decadeAbove(double value) {
        return Math.pow(10, Math.ceil(Math.log10(value)));
    }

    /**
     * {@code 1k}, {@code 250k}, {@code 1.5M}: short enough for tick labels and legends, where 1,500,000 would crowd
     * its neighbours. Whole multiples lose their decimal, so the scaling axis reads 1k, 10k, 100k, 1M.
     */
    static String compact(double value) {
        double abs = Math.abs(value);
        if (abs >= 1e9) {
            return scaled(value / 1e9, "G");
        }
        if (abs >= 1e6) {
            return scaled(value / 1e6, "M");
        }
        if (abs >= 1e3) {
            return scaled(value / 1e3, "k");
        }
        return scaled(value, "");
    }

    private static String scaled(double value, String suffix) {
        if (value == Math.rint(value) || Math.abs(value) >= 100) {
            return String.format(Locale.ROOT, "%.0f%s", value, suffix);
        }
        if (Math.abs(value) >= 10) {
            return stripZero(String.format(Locale.ROOT, "%.1f", value)) + suffix;
        }
        return stripZero(String.format(Locale.ROOT, "%.2f", value)) + suffix;
    }

    /** {@code 2.50} to {@code 2.5}, {@code 2.00} to {@code 2}: trailing zeros say nothing on an axis. */
    private static String stripZero(String number) {
        if (!number.contains(".")) {
            return number;
        }
        String s = number.replaceAll("0+$", "");
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }
}
