package companion.bench.peers;

import companion.api.Durability;
import companion.bench.engine.Engine;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.provider.Arguments;

/** The five peers, and the argument streams the parameterized tests run over. */
final class PeerEngines {
    private PeerEngines() {
    }

    /** A fresh instance of every peer (adapters are stateless, so fresh or shared makes no difference). */
    static List<Engine> all() {
        return List.of(new RocksDbEngine(), new LmdbEngine(), new H2MvStoreEngine(), new SqliteEngine(),
                new MapDbEngine());
    }

    /** The peer called {@code name}. */
    static Engine named(String name) {
        return all().stream().filter(e -> e.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no peer " + name));
    }

    /** (engine, durability) for every durability an engine honours: what the behaviour tests run on. */
    static Stream<Arguments> honoured() {
        return pairs(true);
    }

    /** (engine, durability) for every durability an engine refuses. */
    static Stream<Arguments> notHonoured() {
        return pairs(false);
    }

    /** (engine, durability) for all fifteen pairs. */
    static Stream<Arguments> every() {
        return Stream.concat(pairs(true), pairs(false));
    }

    private static Stream<Arguments> pairs(boolean honoured) {
        return all().stream().flatMap(engine -> Arrays.stream(Durability.values())
                .filter(d -> engine.settings(d).honoured() == honoured)
                .map(d -> Arguments.of(Named.of(engine.name(), engine), d)));
    }
}
