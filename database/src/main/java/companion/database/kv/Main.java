package companion.database.kv;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A command-line front end to {@link KVStore}: one operation per process, so that a second process can check
 * what the first one left in the file.
 *
 * <pre>
 *   java companion.database.kv.Main data.kv put user:1 alice
 *   java companion.database.kv.Main data.kv get user:1        prints: alice
 *   java companion.database.kv.Main data.kv delete user:1
 *   java companion.database.kv.Main data.kv get user:1        prints: (not found), exit status 1
 * </pre>
 *
 * Exit status: 0 on success, 1 when {@code get} finds nothing, 2 on a usage error. The program must end by
 * itself once {@code main} returns: a store that leaves a non-daemon thread running would keep it alive.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        int status = run(args, System.out, System.err);
        if (status != 0) {
            System.exit(status); // only on failure: a successful run ends by returning, as a well-behaved program does
        }
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length < 3) {
            err.println("usage: Main FILE put KEY VALUE | get KEY | delete KEY");
            return 2;
        }
        try (KVStore store = KVStore.open(Path.of(args[0]))) {
            switch (args[1]) {
                case "put":
                    if (args.length != 4) {
                        err.println("usage: Main FILE put KEY VALUE");
                        return 2;
                    }
                    store.put(args[2], args[3]);
                    return 0;
                case "get":
                    Optional<String> value = store.get(args[2]);
                    out.println(value.orElse("(not found)"));
                    return value.isPresent() ? 0 : 1;
                case "delete":
                    store.delete(args[2]);
                    return 0;
                default:
                    err.println("unknown operation '" + args[1] + "': expected put, get or delete");
                    return 2;
            }
        }
    }
}
