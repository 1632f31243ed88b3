package companion.database.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import companion.api.Durability;
import companion.api.WriteBatch;
import companion.database.storage.io.FaultInjectingDirectory;
import companion.database.storage.wal.LogOptions;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * The engine against a {@link TreeMap} model, across random puts, deletes, batches, compactions, small segments and
 * reopens. Two of the keys, "Aa" and "BB", have the same hash, so the key directory must tell them apart by reading
 * the log.
 */
class LogStructuredStoreProperties {
    static final List<String> KEYS = List.of("a", "b", "Aa", "BB");
    static final int MAX_BATCH = 8;

    /** One step: a put (value non-null), a delete (value null), or one of the {@link Kind}s with no key. */
    record Step(Kind kind, String key, String value) {
        @Override
        public String toString() {
            return kind == Kind.WRITE ? (value == null ? "delete " + key : "put " + key + "=" + value)
                    : kind.toString().toLowerCase();
        }
    }

    /** A single write; the start or end of a batch (the writes between are one WriteBatch); compact(); reopen. */
    enum Kind { WRITE, BATCH, COMMIT, COMPACT, REOPEN }

    @Property(tries = 150)
    void behavesLikeAMapAcrossBatchesCompactionsReopensAndSegmentRolls(@ForAll("scenarios") List<Step> steps) {
        FaultInjectingDirectory disk = new FaultInjectingDirectory();
        LogOptions options = LogOptions.of(Durability.NONE).withSegmentSize(1024); // many segments
        TreeMap<String, String> model = new TreeMap<>();
        LogStructuredStore store = LogStructuredStore.open(disk, options);
        WriteBatch batch = null;
        try {
            for (Step step : steps) {
                switch (step.kind()) {
                    case BATCH -> batch = batch == null ? new WriteBatch() : batch;
                    case COMMIT -> {
                        if (batch != null) {
                            store.write(batch);
                            batch = null;
                        }
                    }
                    case COMPACT -> store.compact();
                    case REOPEN -> {
                        store.close();
                        store = LogStructuredStore.open(disk, options);
                    }
                    case WRITE -> {
                        byte[] key = bytes(step.key());
                        if (batch != null) {
                            batch = step.value() == null ? batch.delete(key) : batch.put(key, bytes(step.value()));
                            if (batch.size() == MAX_BATCH) { // a record must fit in a segment
                                store.write(batch);
                                batch = null;
                            }
                        } else if (step.value() == null) {
                            store.delete(key);
                        } else {
                            store.put(key, bytes(step.value()));
                        }
                        if (step.value() == null) {
                            model.remove(step.key());
                        } else {
                            model.put(step.key(), step.value());
                        }
                    }
                }
                if (batch == null) {
                    check(model, store);
                }
            }
        } finally {
            store.close();
        }
    }

    private static void check(TreeMap<String, String> model, LogStructuredStore store) {
        for (String key : KEYS) {
            assertEquals(Optional.ofNullable(model.get(key)).map(v -> HexFormat.of().formatHex(bytes(v))),
                    store.get(bytes(key)).map(v -> HexFormat.of().formatHex(v)), "key " + key);
        }
        assertEquals(model.size(), store.size());
        assertEquals(model.size(), store.scan(new byte[0]).size());
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Provide
    Arbitrary<List<Step>> scenarios() {
        Arbitrary<String> keys = Arbitraries.of(KEYS);
        Arbitrary<Step> put = Combinators.combine(keys, Arbitraries.strings().alpha().ofMaxLength(60))
                .as((k, v) -> new Step(Kind.WRITE, k, v));
        Arbitrary<Step> delete = keys.map(k -> new Step(Kind.WRITE, k, null));
        return Arbitraries.frequencyOf(Tuple.of(8, put), Tuple.of(3, delete),
                Tuple.of(1, Arbitraries.just(new Step(Kind.BATCH, null, null))),
                Tuple.of(1, Arbitraries.just(new Step(Kind.COMMIT, null, null))),
                Tuple.of(1, Arbitraries.just(new Step(Kind.COMPACT, null, null))),
                Tuple.of(1, Arbitraries.just(new Step(Kind.REOPEN, null, null)))).list().ofMaxSize(80);
    }
}
