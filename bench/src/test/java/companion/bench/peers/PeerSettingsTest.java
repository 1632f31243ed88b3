package companion.bench.peers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import companion.api.Durability;
import companion.bench.engine.Engine;
import companion.bench.engine.EngineSettings;
import companion.bench.engine.Engines;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** What each peer says about each durability: complete, honest in form, and enforced by {@code open}. */
class PeerSettingsTest {

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("companion.bench.peers.PeerEngines#every")
    void everyDurabilityIsDescribed(Engine engine, Durability durability) {
        EngineSettings settings = engine.settings(durability);
        assertEquals(engine.name(), settings.engine());
        assertEquals(durability.word(), settings.durability());
        assertFalse(settings.describe().isBlank(), "a description to print beside the results");
        if (settings.honoured()) {
            assertTrue(settings.settings().size() >= 4, "the settings that matter: " + settings.settings());
            settings.settings().forEach((name, value) -> {
                assertFalse(name.isBlank(), "setting names are not blank");
                assertFalse(value.isBlank(), name + " has a value");
            });
            assertTrue(settings.settings().keySet().stream().anyMatch(k -> k.contains("fsync")),
                    "says when it fsyncs: " + settings.settings().keySet());
        } else {
            assertNotNull(settings.reason());
            assertTrue(settings.reason().length() > 20, "a reason a reader can act on: " + settings.reason());
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("companion.bench.peers.PeerEngines#notHonoured")
    void openingARefusedDurabilityThrowsAndCreatesNothing(Engine engine, Durability durability) throws IOException {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> engine.open(dir, durability));
        assertTrue(e.getMessage().contains(engine.settings(durability).reason()), e.getMessage());
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(), files.toList(), "refused before touching the directory");
        }
    }

    @Test
    void noneAndSyncAreHonouredByEveryPeer() {
        for (Engine engine : PeerEngines.all()) {
            assertTrue(engine.settings(Durability.NONE).honoured(), engine.name() + " none");
            assertTrue(engine.settings(Durability.SYNC).honoured(), engine.name() + " sync");
        }
    }

    @Test
    void onlyRocksDbHasGroupCommit() {
        for (Engine engine : PeerEngines.all()) {
            assertEquals(engine.name().equals("rocksdb"), engine.settings(Durability.GROUP).honoured(),
                    engine.name() + " group");
        }
    }

    @Test
    void theRegistryFindsEachPeerByItsName() {
        assertEquals(List.of("rocksdb", "lmdb", "h2", "sqlite", "mapdb"),
                PeerEngines.all().stream().map(Engine::name).toList());
        for (Engine peer : PeerEngines.all()) {
            Engine found = Engines.named(peer.name());
            assertInstanceOf(peer.getClass(), found, peer.name());
            assertEquals(peer.name(), found.name());
        }
    }
}
