package companion.course.crash;

import companion.api.Durability;
import java.nio.file.Path;
import java.util.List;

/**
 * The command line the parent gives the {@link CrashWriter} and the {@link CrashVerifier}: which engine, where, how
 * durable, and the run's seed (from which both derive the same {@link CrashPlan}).
 *
 * <pre>{@code
 * ChildArgs args = new ChildArgs("companion.database.storage.LogStructuredStore#open", dir, Durability.SYNC, 42);
 * args.toList();   // [--opener, companion...#open, --dir, /tmp/run-0/store, --durability, sync, --seed, 42]
 * ChildArgs.parse(args.toList().toArray(String[]::new)).equals(args);   // true
 * }</pre>
 *
 * @param opener     {@code Class#method} taking (Path, Durability), see {@link EngineOpener}
 * @param dir        the store's directory
 * @param durability the durability it is opened with
 * @param seed       the run's seed
 */
public record ChildArgs(String opener, Path dir, Durability durability, long seed) {
    /** The arguments, in the order {@link #parse} reads them. */
    public List<String> toList() {
        return List.of("--opener", opener, "--dir", dir.toString(), "--durability", durability.word(),
                "--seed", Long.toString(seed));
    }

    /**
     * Reads {@code --opener C#m --dir D --durability sync --seed S}, in any order.
     *
     * @throws IllegalArgumentException naming an unknown, missing or malformed option
     */
    public static ChildArgs parse(String[] args) {
        String opener = null;
        Path dir = null;
        Durability durability = null;
        Long seed = null;
        if (args.length % 2 != 0) {
            throw new IllegalArgumentException("options come in pairs (--name value): " + String.join(" ", args));
        }
        for (int i = 0; i < args.length; i += 2) {
            switch (args[i]) {
                case "--opener" -> opener = args[i + 1];
                case "--dir" -> dir = Path.of(args[i + 1]);
                case "--durability" -> durability = Durability.parse(args[i + 1]);
                case "--seed" -> seed = Long.parseLong(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + ": expected --opener, --dir, --durability, --seed");
            }
        }
        if (opener == null || dir == null || durability == null || seed == null) {
            throw new IllegalArgumentException("--opener, --dir, --durability and --seed are all required, got: "
                    + String.join(" ", args));
        }
        return new ChildArgs(opener, dir, durability, seed);
    }
}
