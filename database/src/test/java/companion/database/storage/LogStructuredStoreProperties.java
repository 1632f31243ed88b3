package companion.database.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import companion.api.Durability;
import companion.database.storage.io.FaultInjectingDirectory;
import companion.database.storage.wal.LogOptions;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The engine against a {@link TreeMap} model, across random puts, deletes, small segments and reopens. */
class LogStructuredStoreProperties {
    /** One step: put (value non-null), delete (value null), or reopen (key null). */
    record Step(String key, String value) {
    }

    @Property(tries = 100)
    void behavesLikeAMapAcrossReopensAndSegmentRolls(@ForAll("scenarios") List<Step> steps) {
        FaultInjectingDirectory disk = new FaultInjectingDirectory();
        LogOptions options = LogOptions.of(Durability.NONE).withSegmentSize(256); // many segments
        TreeMap<String, String> model = new TreeMap<>();
        LogStructuredStore store = LogStructuredStore.open(disk, options);
        try {
            for (Step step : steps) {
                if (step.key() == null) {
                    store.close();
                    store = LogStructuredStore.open(disk, options);
                } else if (step.value() == null) {
                    store.delete(step.key().getBytes());
                    model.remove(step.key());
                } else {
                    store.put(step.key().getBytes(), step.value().getBytes());
                    model.put(step.key(), step.value());
                }
            }
            for (String key : List.of("a", "b", "c", "d")) {
                assertEquals(Optional.ofNullable(model.get(key)).map(v -> HexFormat.of().formatHex(v.getBytes())),
                        store.get(key.getBytes()).map(v -> HexFormat.of().formatHex(v)), "key " + key);
            }
            assertEquals(model.size(), store.size());
        } finally {
            store.close();
        }
    }

    @Provide
    Arbitrary<List<Step>> scenarios() {
        Arbitrary<String> keys = Arbitraries.of("a", "b", "c", "d");
        Arbitrary<Step> put = net.jqwik.api.Combinators.combine(keys,
                Arbitraries.strings().alpha().ofMaxLength(60)).as(Step::new);
        Arbitrary<Step> delete = keys.map(k -> new Step(k, null));
        Arbitrary<Step> reopen = Arbitraries.just(new Step(null, null));
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(6, put), net.jqwik.api.Tuple.of(2, delete),
                net.jqwik.api.Tuple.of(1, reopen)).list().ofMaxSize(60);
    }
}
