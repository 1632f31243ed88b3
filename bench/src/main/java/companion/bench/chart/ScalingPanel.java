package companion.bench.chart;

import companion.bench.run.ScalingPoint;
import java.awt.BasicStroke;
import java.awt.Color;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The right panel: insert throughput against the number of keys N, both axes logarithmic, one line per engine.
 *
 * <p>An engine's line ends at its first stopped step. That step did not finish N inserts within its time budget;
 * the rate it kept until it was stopped (inserts done / time) is drawn as a down-pointing triangle joined to the
 * line by a dashed segment, and the legend says where the engine stopped, e.g. "yours (stopped at 100k)". (Without
 * the count of inserts done, N / time would be the bound, which can sit above the real rate.)
 */
final class ScalingPanel {
    private static final BasicStroke DASHED = new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER,
            10f, new float[] {6f, 5f}, 0f);

    /** The panel under construction, and the extent of what it plots (for the axes' decades). */
    private final XYChart chart;
    private final List<String> legend = new ArrayList<>();
    private final List<Double> allX = new ArrayList<>();
    private final List<Double> allY = new ArrayList<>();

    private ScalingPanel(XYChart chart) {
        this.chart = chart;
    }

    /**
     * Builds the scaling chart.
     *
     * @param points every engine's steps, in any order
     * @param colors every engine's colour, in display order
     */
    static XYChart build(int width, int height, List<ScalingPoint> points, Map<String, Color> colors) {
        XYChart chart = new XYChartBuilder().width(width).height(height)
                .title("Insert throughput by N (\u25BC = stopped: below this)")
                .xAxisTitle("N (keys inserted)").yAxisTitle("ops/sec").build();
        XYStyler styler = chart.getStyler();
        ChartStyle.apply(styler);
        styler.setXAxisLogarithmic(true);
        styler.setYAxisLogarithmic(true);
        styler.setXAxisDecimalPattern(ChartStyle.LOG_AXIS_PATTERN);
        styler.setYAxisDecimalPattern(ChartStyle.LOG_AXIS_PATTERN);
        styler.setMarkerSize(9);

        Map<String, List<ScalingPoint>> byEngine = new LinkedHashMap<>();
        for (String engine : colors.keySet()) {
            byEngine.put(engine, new ArrayList<>());
        }
        for (ScalingPoint p : points) {
            byEngine.get(p.engine()).add(p);
        }
        ScalingPanel panel = new ScalingPanel(chart);
        for (Map.Entry<String, List<ScalingPoint>> engine : byEngine.entrySet()) {
            if (!engine.getValue().isEmpty()) {
                panel.addEngine(engine.getKey(), engine.getValue(), colors.get(engine.getKey()));
            }
        }
        if (!panel.allY.isEmpty()) {
            // Whole decades at both ends: a range inside one decade would otherwise show a single labelled tick.
            styler.setXAxisMin(ChartStyle.decadeBelow(min(panel.allX)));
            styler.setXAxisMax(ChartStyle.decadeAbove(max(panel.allX)));
            styler.setYAxisMin(ChartStyle.decadeBelow(min(panel.allY)));
            styler.setYAxisMax(ChartStyle.decadeAbove(max(panel.allY)));
        }
        ChartStyle.placeLegend(styler, panel.legend, width);
        return chart;
    }

    /** The engine's line up to its first stopped step, and that step's bound. */
    private void addEngine(String engine, List<ScalingPoint> steps, Color color) {
        steps.sort(Comparator.comparingLong(ScalingPoint::n));
        List<Double> xs = new ArrayList<>();
        List<Double> ys = new ArrayList<>();
        ScalingPoint stop = null;
        for (ScalingPoint step : steps) {
            if (step.stopped() != null || step.opsPerSec() == null) {
                stop = step;
                break; // later steps, if any, never ran in a fair race: the engine was out at this one
            }
            if (step.opsPerSec() > 0 && Double.isFinite(step.opsPerSec()) && step.n() > 0) {
                xs.add((double) step.n());
                ys.add(step.opsPerSec());
            }
        }
        String label = stop == null ? engine : engine + " (stopped at " + ChartStyle.compact(stop.n()) + ")";
        boolean lineShown = !xs.isEmpty();
        boolean boundShown = stop != null && stop.millis() > 0 && stop.done() > 0;
        if (lineShown || boundShown) {
            legend.add(label);
        }
        if (lineShown) {
            XYSeries line = chart.addSeries(engine, xs, ys);
            line.setLabel(label);
            line.setLineColor(color);
            line.setMarkerColor(color);
            line.setMarker(SeriesMarkers.CIRCLE);
            line.setLineWidth(2.5f);
            allX.addAll(xs);
            allY.addAll(ys);
        }
        if (!boundShown) {
            return; // no bound without a duration (the legend still says where the line stopped, if there is one)
        }
        double boundX = stop.n();
        double boundY = stop.done() * 1000.0 / stop.millis();
        allX.add(boundX);
        allY.add(boundY);
        if (lineShown) {
            // Its own series, so that the triangle is not also drawn over the line's last measured point.
            XYSeries connector = chart.addSeries(engine + " to stop", List.of(xs.get(xs.size() - 1), boundX),
                    List.of(ys.get(ys.size() - 1), boundY));
            connector.setShowInLegend(false);
            connector.setLineColor(color);
            connector.setLineStyle(DASHED);
            connector.setMarker(SeriesMarkers.NONE);
        }
        XYSeries bound = chart.addSeries(engine + " stopped", List.of(boundX), List.of(boundY));
        bound.setLabel(label);
        bound.setShowInLegend(!lineShown); // one legend entry per engine
        bound.setLineStyle(DASHED);
        bound.setLineColor(color);
        bound.setMarkerColor(color);
        bound.setMarker(SeriesMarkers.TRIANGLE_DOWN);
    }

    private static double min(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
    }

    private static double max(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
    }
}
