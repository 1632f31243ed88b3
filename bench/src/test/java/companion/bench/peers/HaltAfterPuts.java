package companion.bench.peers;

import companion.api.Durability;
import companion.api.KeyValueStore;
import java.nio.file.Path;

/**
 * The child process of {@link KilledProcessTest}: opens a peer, puts keys, and halts without closing anything, as
 * a killed process would. {@code Runtime.halt} runs no shutdown hook and no finalizer, so whatever the engine had
 * not handed to the OS when the last put returned is lost.
 *
 * <p>Arguments: engine name, durability word, directory, number of keys.
 */
final class HaltAfterPuts {
    private HaltAfterPuts() {
    }

    public static void main(String[] args) {
        KeyValueStore store = PeerEngines.named(args[0]).open(Path.of(args[2]), Durability.parse(args[1]));
        int count = Integer.parseInt(args[3]);
        for (int i = 0; i < count; i++) {
            store.put(KilledProcessTest.key(i), KilledProcessTest.value(i));
        }
        store.delete(KilledProcessTest.key(0));
        System.out.println(KilledProcessTest.DONE);
        System.out.flush();
        Runtime.getRuntime().halt(0);
    }
}
