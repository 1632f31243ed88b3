package companion.bench.chart;

import java.awt.Color;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.style.CategoryStyler;

/** The left panel: ops/sec per workload (categories on x) and engine (one bar series each). */
final class BarPanel {
    /** Past this ratio between the largest and smallest bar, a linear axis flattens the small bars to nothing. */
    static final double LOG_SCALE_RATIO = 100;

    private BarPanel() {
    }

    /**
     * Builds the bar chart.
     *
     * @param data   ops/sec by workload, then engine; workloads keep the map's order
     * @param colors every engine's colour, in display order
     */
    static CategoryChart build(int width, int height, Map<String, Map<String, Double>> data,
                               Map<String, Color> colors) {
        CategoryChart chart = new CategoryChartBuilder().width(width).height(height)
                .title("Throughput by workload").xAxisTitle("workload").yAxisTitle("ops/sec").build();
        double[] range = positiveRange(data);
        boolean log = needsLogScale(data);
        CategoryStyler styler = chart.getStyler();
        ChartStyle.apply(styler);
        styler.setAvailableSpaceFill(0.8);
        styler.setOverlapped(false);
        styler.setYAxisLogarithmic(log);
        styler.setXAxisLabelRotation(labelsCollide(data.keySet(), width) ? 30 : 0);
        if (log) {
            // XChart anchors bars at zero, which a log axis cannot show: start at the decade below the smallest bar,
            // and end at the decade above the largest, so that every tick is a power of ten.
            styler.setYAxisMin(ChartStyle.decadeBelow(range[0]));
            styler.setYAxisMax(ChartStyle.decadeAbove(range[1]));
            styler.setYAxisDecimalPattern(ChartStyle.LOG_AXIS_PATTERN);
        } else {
            styler.setYAxisMin(0.0);
            chart.setCustomYAxisTickLabelsFormatter(ChartStyle::compact);
        }

        List<String> workloads = new ArrayList<>(data.keySet());
        List<String> shown = new ArrayList<>();
        for (Map.Entry<String, Color> engine : colors.entrySet()) {
            List<Double> values = new ArrayList<>();
            boolean any = false;
            for (String workload : workloads) {
                Double v = data.get(workload).get(engine.getKey());
                // A missing bar is a gap, not a zero: "did not run" must not read as "ran at 0 ops/sec".
                boolean drawable = v != null && v > 0 && Double.isFinite(v);
                values.add(drawable ? v : null);
                any |= drawable;
            }
            if (!any) {
                continue; // an engine of the scaling panel only
            }
            CategorySeries series = chart.addSeries(engine.getKey(), workloads, values);
            series.setFillColor(engine.getValue());
            series.setLineColor(engine.getValue());
            shown.add(engine.getKey());
        }
        ChartStyle.placeLegend(styler, shown, width);
        return chart;
    }

    /** True when the workload names, written level, would not fit side by side under the plot. */
    private static boolean labelsCollide(Collection<String> workloads, int width) {
        int widest = 0;
        for (String workload : workloads) {
            widest = Math.max(widest, ChartStyle.textWidth(ChartStyle.SMALL_FONT, workload));
        }
        int plotWidth = width - 140; // the y axis, its labels and the chart's padding
        return workloads.size() * (widest + 16) > plotWidth;
    }

    /** True when at least one value can be drawn as a bar: XChart cannot lay out a bar chart with no series. */
    static boolean hasBars(Map<String, Map<String, Double>> data) {
        return positiveRange(data)[1] > 0;
    }

    /** True when the positive, finite values span more than {@value #LOG_SCALE_RATIO} times. */
    static boolean needsLogScale(Map<String, Map<String, Double>> data) {
        double[] range = positiveRange(data);
        return range[1] > 0 && range[1] / range[0] > LOG_SCALE_RATIO;
    }

    /** The smallest and largest positive, finite values; {@code {+inf, 0}} when there is none. */
    private static double[] positiveRange(Map<String, Map<String, Double>> data) {
        double min = Double.POSITIVE_INFINITY;
        double max = 0;
        for (Map<String, Double> byEngine : data.values()) {
            for (Double v : byEngine.values()) {
                if (v != null && v > 0 && Double.isFinite(v)) {
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                }
            }
        }
        return new double[] {min, max};
    }
}
