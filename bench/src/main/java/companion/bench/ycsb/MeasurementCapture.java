package companion.bench.ycsb;

import java.io.IOException;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import site.ycsb.measurements.Measurements;
import site.ycsb.measurements.exporter.MeasurementsExporter;

/**
 * YCSB's measurements read back as numbers rather than printed: an exporter that keeps what
 * {@link Measurements#exportMeasurements} writes, as measurement name (e.g. {@code READ}) → metric (e.g.
 * {@code Operations}, {@code AverageLatency(us)}, {@code Return=OK}) → value.
 *
 * <p>Exporting is the only public way to get the numbers out of YCSB's histograms; using it means the counts and
 * averages are exactly those YCSB itself would print.
 */
final class MeasurementCapture implements MeasurementsExporter {
    static final String OPERATIONS = "Operations";
    static final String AVERAGE_MICROS = "AverageLatency(us)";

    private final Map<String, Map<String, Double>> values = new TreeMap<>();

    /** Everything {@code measurements} holds now. */
    static Map<String, Map<String, Double>> of(Measurements measurements) {
        MeasurementCapture capture = new MeasurementCapture();
        try {
            measurements.exportMeasurements(capture);
        } catch (IOException e) {
            throw new IllegalStateException("reading YCSB's measurements failed: " + e.getMessage(), e);
        }
        return Collections.unmodifiableMap(capture.values);
    }

    @Override
    public void write(String metric, String measurement, int i) {
        put(metric, measurement, i);
    }

    @Override
    public void write(String metric, String measurement, long i) {
        put(metric, measurement, i);
    }

    @Override
    public void write(String metric, String measurement, double d) {
        put(metric, measurement, d);
    }

    @Override
    public void close() {
        // Nothing to release: everything is kept in memory.
    }

    // YCSB's exporter calls the measurement's name "metric" and the metric's name "measurement".
    private void put(String name, String metric, double value) {
        values.computeIfAbsent(name, n -> new TreeMap<>()).put(metric, value);
    }
}
