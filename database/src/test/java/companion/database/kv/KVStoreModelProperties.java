package companion.database.kv;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The store against the simplest possible model, a {@link TreeMap}, across random operations and reloads. */
class KVStoreModelProperties {

    /** One step of a random scenario. */
    sealed interface Step permits Put, Delete, Reopen {
    }

    record Put(String key, String value) implements Step {
    }

    record Delete(String key) implements Step {
    }

    record Reopen() implements Step {
    }

    @Property(tries = 200)
    void behavesLikeAMapAcrossReloads(@ForAll("scenarios") List<Step> steps) throws IOException {
        Path dir = Files.createTempDirectory("kv-model");
        Path file = dir.resolve("data.kv");
        TreeMap<String, String> model = new TreeMap<>();
        KVStore store = KVStore.open(file);
        try {
            for (Step step : steps) {
                if (step instanceof Put put) {
                    store.put(put.key(), put.value());
                    model.put(put.key(), put.value());
                } else if (step instanceof Delete delete) {
                    store.delete(delete.key());
                    model.remove(delete.key());
                } else {
                    store.close();
                    store = KVStore.open(file);
                }
                for (String key : List.of("", "a", "b", "\n", "ключ")) {
                    assertEquals(Optional.ofNullable(model.get(key)), store.get(key), "key " + key);
                }
            }
        } finally {
            store.close();
            deleteTree(dir);
        }
    }

    @Provide
    Arbitrary<List<Step>> scenarios() {
        Arbitrary<String> keys = Arbitraries.of("", "a", "b", "\n", "ключ");
        // Any Unicode text: strings().all() also makes lone surrogates, which the store refuses (KVStoreTest).
        Arbitrary<String> values = Arbitraries.strings().all().ofMaxLength(20)
                .filter(s -> s.equals(new String(s.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8)));
        Arbitrary<Step> put = Combinators.combine(keys, values).as(Put::new);
        Arbitrary<Step> delete = keys.map(Delete::new);
        Arbitrary<Step> reopen = Arbitraries.just(new Reopen());
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(6, put), net.jqwik.api.Tuple.of(2, delete), net.jqwik.api.Tuple.of(1, reopen))
                .list().ofMaxSize(40);
    }

    private static void deleteTree(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
