package companion.bench.ycsb;

import companion.api.Durability;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.Vector;
import site.ycsb.ByteArrayByteIterator;
import site.ycsb.ByteIterator;
import site.ycsb.DB;
import site.ycsb.DBException;
import site.ycsb.Status;

/**
 * The YCSB binding for our engines: a {@link site.ycsb.DB} over the {@link companion.api.KeyValueStore} of any
 * {@link companion.bench.engine.Engine}.
 *
 * <h2>Storage</h2>
 * Our stores map strings to strings, so a YCSB record (field name → bytes) is stored as <em>one</em> value under
 * the record's key, encoded by {@link RecordCodec}. YCSB values are bytes; each is carried as a string of the same
 * length with one char per byte (ISO-8859-1), which is lossless for any bytes and, for the printable ASCII that
 * YCSB generates, is exactly the text. The {@code table} argument is ignored: the core workloads use one table.
 *
 * <h2>Operations</h2>
 * <ul>
 *   <li>{@code read}: one {@code get}, decode, return the requested fields (all when {@code fields} is null);
 *       {@code NOT_FOUND} for a missing record.
 *   <li>{@code insert}: one {@code put} of the whole record, replacing any earlier one.
 *   <li>{@code update}: read-modify-write (a {@code get}, a merge of the given fields, a {@code put} of the whole
 *       record), so an update costs a read plus a write, as in many key-value bindings (RocksDB's, for one).
 *       {@code NOT_FOUND} when the record is missing.
 *   <li>{@code delete}: one {@code delete}.
 *   <li>{@code scan}: {@link Status#NOT_IMPLEMENTED}. Milestone 1's {@code KeyValueStore} has get, put and
 *       delete only, no ordered iteration, so there is nothing to scan with.
 * </ul>
 * Writes (insert, update, delete) of the same key are serialised by a lock stripe shared by all threads, so two
 * concurrent updates of different fields of one record cannot lose each other's change; reads take no lock. Every
 * engine runs through this same binding, so the cost is the same for all.
 *
 * <h2>Configuration and sharing</h2>
 * All client threads of a run share one store. {@link YcsbRun} opens it and passes its location through the
 * properties {@value #DIR_PROPERTY}, {@value #ENGINE_PROPERTY} and {@value #DURABILITY_PROPERTY}; {@link #init()}
 * takes a reference to that store (checking engine and durability) and {@link #cleanup()} gives it back, so the
 * store is opened once and closed once. A store exception never escapes an operation (YCSB's client thread would
 * call {@code System.exit}): it becomes {@link Status#ERROR}, and the first one is kept for the runner to rethrow.
 */
public final class EngineDB extends DB {
    /** The store's directory, as the runner opened it. Required. */
    public static final String DIR_PROPERTY = "companion.dir";
    /** The engine's {@link companion.bench.engine.Engine#name() name}. Required; checked against the store. */
    public static final String ENGINE_PROPERTY = "companion.engine";
    /** {@code none}, {@code group} or {@code sync}; defaults to {@code none}. Checked against the store. */
    public static final String DURABILITY_PROPERTY = "companion.durability";

    /** Set by {@link #init()}, cleared by {@link #cleanup()}: YCSB configures a DB after constructing it. */
    private SharedStore shared;

    /** YCSB instantiates bindings reflectively; configuration arrives through {@link #setProperties}. */
    public EngineDB() {
    }

    @Override
    public void init() throws DBException {
        if (shared != null) {
            throw new DBException("EngineDB.init called twice on one instance (store in " + shared.dir() + ")");
        }
        Properties properties = getProperties();
        String dir = properties.getProperty(DIR_PROPERTY);
        String engine = properties.getProperty(ENGINE_PROPERTY);
        if (dir == null || engine == null) {
            throw new DBException("EngineDB needs the YCSB properties " + DIR_PROPERTY + " and " + ENGINE_PROPERTY
                    + "; got " + DIR_PROPERTY + "=" + dir + ", " + ENGINE_PROPERTY + "=" + engine);
        }
        try {
            Durability durability = Durability.parse(properties.getProperty(DURABILITY_PROPERTY, "none"));
            shared = SharedStore.acquire(Path.of(dir), engine, durability);
        } catch (RuntimeException e) {
            throw new DBException("EngineDB.init: " + e.getMessage(), e);
        }
    }

    @Override
    public void cleanup() throws DBException {
        if (shared == null) {
            return;
        }
        SharedStore releasing = shared;
        shared = null;
        try {
            releasing.release();
        } catch (RuntimeException e) {
            throw new DBException("EngineDB.cleanup: closing the store in " + releasing.dir() + " failed: "
                    + e.getMessage(), e);
        }
    }

    @Override
    public Status read(String table, String key, Set<String> fields, Map<String, ByteIterator> result) {
        SharedStore store = attached();
        try {
            Optional<String> stored = store.store().get(key);
            if (stored.isEmpty()) {
                return Status.NOT_FOUND;
            }
            Map<String, String> record = RecordCodec.decode(stored.get());
            for (Map.Entry<String, String> field : record.entrySet()) {
                if (fields == null || fields.contains(field.getKey())) {
                    result.put(field.getKey(), new ByteArrayByteIterator(toBytes(field.getValue())));
                }
            }
            return Status.OK;
        } catch (RuntimeException e) {
            store.failed("read", key, e);
            return Status.ERROR;
        }
    }

    /** Always {@link Status#NOT_IMPLEMENTED}: the milestone 1 contract has no ordered iteration. */
    @Override
    public Status scan(String table, String startkey, int recordcount, Set<String> fields,
                       Vector<HashMap<String, ByteIterator>> result) {
        return Status.NOT_IMPLEMENTED;
    }

    @Override
    public Status update(String table, String key, Map<String, ByteIterator> values) {
        SharedStore store = attached();
        try {
            // Convert first: draining the iterators needs no lock.
            Map<String, String> changes = toStrings(values);
            synchronized (store.stripeFor(key)) {
                Optional<String> stored = store.store().get(key);
                if (stored.isEmpty()) {
                    return Status.NOT_FOUND;
                }
                Map<String, String> record = RecordCodec.decode(stored.get());
                record.putAll(changes);
                store.store().put(key, RecordCodec.encode(record));
            }
            return Status.OK;
        } catch (RuntimeException e) {
            store.failed("update", key, e);
            return Status.ERROR;
        }
    }

    @Override
    public Status insert(String table, String key, Map<String, ByteIterator> values) {
        SharedStore store = attached();
        try {
            String record = RecordCodec.encode(toStrings(values));
            synchronized (store.stripeFor(key)) {
                store.store().put(key, record);
            }
            return Status.OK;
        } catch (RuntimeException e) {
            store.failed("insert", key, e);
            return Status.ERROR;
        }
    }

    @Override
    public Status delete(String table, String key) {
        SharedStore store = attached();
        try {
            synchronized (store.stripeFor(key)) {
                store.store().delete(key);
            }
            return Status.OK;
        } catch (RuntimeException e) {
            store.failed("delete", key, e);
            return Status.ERROR;
        }
    }

    private SharedStore attached() {
        if (shared == null) {
            // YCSB always calls init first; reaching here is a programming error in whoever drives this DB.
            throw new IllegalStateException("EngineDB used before init() or after cleanup()");
        }
        return shared;
    }

    private static Map<String, String> toStrings(Map<String, ByteIterator> values) {
        Map<String, String> strings = new LinkedHashMap<>();
        for (Map.Entry<String, ByteIterator> value : values.entrySet()) {
            strings.put(value.getKey(), new String(value.getValue().toArray(), StandardCharsets.ISO_8859_1));
        }
        return strings;
    }

    private static byte[] toBytes(String value) {
        return value.getBytes(StandardCharsets.ISO_8859_1);
    }
}
