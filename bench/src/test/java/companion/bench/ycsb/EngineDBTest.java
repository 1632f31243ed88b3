package companion.bench.ycsb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import companion.api.Durability;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.Vector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import site.ycsb.ByteArrayByteIterator;
import site.ycsb.ByteIterator;
import site.ycsb.DBException;
import site.ycsb.Status;

class EngineDBTest {
    @TempDir
    Path dir;

    private final MapEngine engine = new MapEngine();

    @Test
    void insertReadUpdateDeleteThroughOneStoredValue() throws DBException {
        SharedStore shared = SharedStore.open(engine, Durability.NONE, dir);
        EngineDB db = attach(Durability.NONE);
        try {
            byte[] binary = {0, (byte) 0xff, ':', '7', '\n'};
            assertEquals(Status.OK, db.insert("usertable", "user1", values("a", new byte[] {'x'}, "b", binary)));
            assertEquals(1, engine.contents.get(shared.dir()).size(), "one record is one stored value");

            Map<String, ByteIterator> all = new HashMap<>();
            assertEquals(Status.OK, db.read("usertable", "user1", null, all));
            assertEquals(Set.of("a", "b"), all.keySet());
            assertEquals("\u0000\u00ff:7\n", new String(all.get("b").toArray(), StandardCharsets.ISO_8859_1));

            assertEquals(Status.OK, db.update("usertable", "user1", values("a", new byte[] {'y'}, "c", new byte[0])));
            Map<String, ByteIterator> some = new HashMap<>();
            assertEquals(Status.OK, db.read("usertable", "user1", Set.of("a", "c"), some));
            assertEquals(Set.of("a", "c"), some.keySet());
            assertEquals("y", some.get("a").toString());
            assertEquals("", some.get("c").toString());

            assertEquals(Status.OK, db.delete("usertable", "user1"));
            assertEquals(Status.NOT_FOUND, db.read("usertable", "user1", null, new HashMap<>()));
            assertEquals(Status.NOT_FOUND, db.update("usertable", "user1", values("a", new byte[] {'z'})));
            assertEquals(Status.NOT_IMPLEMENTED,
                    db.scan("usertable", "user0", 10, null, new Vector<HashMap<String, ByteIterator>>()));
        } finally {
            db.cleanup();
            shared.release();
        }
        assertEquals(1, engine.opens.get());
        assertEquals(1, engine.closes.get());
    }

    @Test
    void theLastReleaseClosesTheStoreOnce() throws DBException {
        SharedStore shared = SharedStore.open(engine, Durability.NONE, dir);
        EngineDB first = attach(Durability.NONE);
        EngineDB second = attach(Durability.NONE);
        shared.release();
        first.cleanup();
        assertEquals(0, engine.closes.get(), "still referenced by one client");
        second.cleanup();
        second.cleanup();
        assertEquals(1, engine.opens.get());
        assertEquals(1, engine.closes.get());
    }

    @Test
    void initFailsWithoutAnOpenStoreOrWithAnotherDurability() {
        DBException none = assertThrows(DBException.class, () -> attach(Durability.NONE));
        assertTrue(none.getMessage().contains("no store is open"), none.getMessage());

        SharedStore shared = SharedStore.open(engine, Durability.NONE, dir);
        try {
            DBException other = assertThrows(DBException.class, () -> attach(Durability.SYNC));
            assertTrue(other.getMessage().contains("sync"), other.getMessage());
        } finally {
            shared.release();
        }
    }

    @Test
    void storeExceptionsBecomeErrorStatusAndAreRemembered() throws DBException {
        SharedStore shared = SharedStore.open(engine, Durability.NONE, dir);
        EngineDB db = attach(Durability.NONE);
        shared.store().close();
        assertEquals(Status.ERROR, db.insert("usertable", "user9", values("a", new byte[] {'x'})));
        assertTrue(shared.firstFailure().getMessage().contains("insert of key 'user9'"),
                shared.firstFailure().getMessage());
        db.cleanup();
        shared.release();
    }

    private EngineDB attach(Durability durability) throws DBException {
        Properties properties = new Properties();
        properties.setProperty(EngineDB.DIR_PROPERTY, dir.toString());
        properties.setProperty(EngineDB.ENGINE_PROPERTY, engine.name());
        properties.setProperty(EngineDB.DURABILITY_PROPERTY, durability.word());
        EngineDB db = new EngineDB();
        db.setProperties(properties);
        db.init();
        return db;
    }

    private static Map<String, ByteIterator> values(Object... pairs) {
        Map<String, ByteIterator> values = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            values.put((String) pairs[i], new ByteArrayByteIterator((byte[]) pairs[i + 1]));
        }
        return values;
    }
}
