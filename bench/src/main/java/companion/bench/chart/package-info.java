/**
 * Charts of benchmark results, drawn with XChart: {@link companion.bench.chart.BenchChart} writes one PNG with
 * a grouped bar chart of ops/sec per workload and engine beside each engine's insert scaling curve.
 *
 * <p>Each panel is an XChart chart rendered on its own to an image, and the two are composed with Java2D; nothing
 * needs a display. An engine keeps its colour across panels, and an axis turns logarithmic when the values it
 * shows span more than a hundredfold (the scaling panel's always are), so that a slow engine's bars stay visible
 * beside a fast one's.
 */
package companion.bench.chart;
