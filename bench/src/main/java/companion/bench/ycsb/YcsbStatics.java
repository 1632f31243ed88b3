package companion.bench.ycsb;

import java.lang.reflect.Field;
import java.util.Properties;
import site.ycsb.measurements.Measurements;

/**
 * Resets the JVM-wide state of the YCSB client library, so that one run's measurements never leak into the next.
 *
 * <p>YCSB assumes one run per JVM (its {@code Client.main} ends with {@code System.exit}). The state that would
 * otherwise carry over is the {@link Measurements} singleton: {@code Measurements.getMeasurements()} creates it on
 * first use from the properties last given to {@code Measurements.setProperties} and keeps it forever, and
 * {@code CoreWorkload}, {@code DBWrapper} and {@code ClientThread} each grab it when constructed. YCSB offers no
 * reset, so {@link #reset} sets the private static field back to null by reflection (the library is on the class
 * path, in the unnamed module, so this needs no {@code --add-opens}); the next {@code getMeasurements()} then
 * builds a fresh, empty one from the new properties.
 *
 * <p>The rest of YCSB's static state needs nothing: {@code ClientThread}'s {@code spinSleep} flag is rewritten by
 * every {@code ClientThread} constructor, the stop flag lives in each {@code Workload} instance (a fresh one per
 * phase), the generators keep no static mutable state, and the HTrace tracer is closed after each phase.
 */
final class YcsbStatics {
    private static final String SINGLETON_FIELD = "singleton";

    private YcsbStatics() {
    }

    /**
     * Discards YCSB's measurements and makes the next ones use {@code properties}. Call it before constructing any
     * {@code CoreWorkload}, {@code DBWrapper} or {@code ClientThread} of a phase.
     *
     * @throws IllegalStateException if this YCSB version no longer has the field (then the version changed and
     *                               this class must be revisited)
     */
    static void reset(Properties properties) {
        synchronized (Measurements.class) {
            // getMeasurements() is synchronized on the class too, so nobody sees a half-reset state.
            Measurements.setProperties(properties);
            try {
                Field singleton = Measurements.class.getDeclaredField(SINGLETON_FIELD);
                singleton.setAccessible(true);
                singleton.set(null, null);
            } catch (NoSuchFieldException | IllegalAccessException | RuntimeException e) {
                throw new IllegalStateException("cannot reset YCSB's measurements: field Measurements."
                        + SINGLETON_FIELD + " of site.ycsb:core is missing or inaccessible (" + e + ")", e);
            }
        }
    }
}
