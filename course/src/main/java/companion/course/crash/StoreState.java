package companion.course.crash;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the store held after the crash, as the {@link CrashVerifier} reported it: for each key of the run, absent or
 * a value (its digest and first bytes), or why the store could not be opened or read.
 *
 * <pre>{@code
 * StoreState state = StoreState.parse(List.of("opened", "value k0-00 10:1a2b3c4d 74302331", "absent k0-01",
 *         "reopened", "closed"));
 * state.value("k0-00");   // Optional[Observed[10:1a2b3c4d, head t0#1]]
 * state.problems();       // []: opened, read, closed and reopened without trouble
 * }</pre>
 *
 * <p>The verifier's lines, one per line of output (see {@code docs/formats/crash-protocol.md}):
 * <pre>
 *   opened | reopened | closed
 *   value KEY DIGEST HEADHEX          the key's value: digest and the first bytes in hex
 *   absent KEY
 *   open-failed FAILURE               the store needs manual repair: nothing else follows
 *   changed KEY ...                   the second open read something else: recovery is not idempotent
 *   read-failed KEY ! FAILURE | close-failed FAILURE | reopen-failed FAILURE
 * </pre>
 */
public final class StoreState {
    /**
     * A value read back.
     *
     * @param digest  length and CRC of the whole value
     * @param headHex its first {@link TracedValue#HEAD_BYTES} bytes, hex
     */
    public record Observed(Digest digest, String headHex) {
        /** The first bytes, which hold the header naming the write. */
        public byte[] head() {
            return TracedValue.parseHex(headHex);
        }

        /** For a person: {@code "t1#17;x3k…" (120 B, crc 9f3a1b2c)}. */
        public String show() {
            return "\"" + TracedValue.show(head()) + (digest.length() > head().length ? "…" : "") + "\" ("
                    + digest.length() + " B, crc " + digest.render().substring(digest.render().indexOf(':') + 1) + ")";
        }
    }

    private final Map<String, Optional<Observed>> values;
    private final List<String> problems;
    private final Optional<String> openFailure;
    private final boolean complete;

    private StoreState(Map<String, Optional<Observed>> values, List<String> problems, Optional<String> openFailure,
                       boolean complete) {
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        this.problems = List.copyOf(problems);
        this.openFailure = openFailure;
        this.complete = complete;
    }

    /**
     * Reads the verifier's output.
     *
     * @throws IllegalArgumentException naming a line that is not the verifier's
     */
    public static StoreState parse(List<String> lines) {
        Map<String, Optional<Observed>> values = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        Optional<String> openFailure = Optional.empty();
        boolean complete = false;
        for (String line : lines) {
            String[] f = line.split(" ", 4);
            switch (f[0]) {
                case "opened", "reopened" -> { }
                case "closed" -> complete = true;
                case "value" -> {
                    if (f.length != 4) {
                        throw new IllegalArgumentException("verifier: 'value KEY DIGEST HEAD' expected: '" + line
                                + "'");
                    }
                    TracedValue.parseHex(f[3]);
                    values.put(f[1], Optional.of(new Observed(Digest.parse(f[2]), f[3])));
                }
                case "absent" -> values.put(line.substring("absent ".length()), Optional.empty());
                case "open-failed" -> openFailure = Optional.of(line.substring("open-failed ".length()));
                case "changed", "read-failed", "close-failed", "reopen-failed" -> problems.add(line);
                default -> {
                    if (!line.isBlank()) {
                        // The JVM's own output (an OutOfMemoryError report, say): kept as a problem, never dropped.
                        problems.add("unexpected verifier output: " + line);
                    }
                }
            }
        }
        return new StoreState(values, problems, openFailure, complete);
    }

    /** A state whose verifier died or overran: {@code why} says how; the lines it did print are kept. */
    public StoreState withProblem(String why) {
        List<String> more = new ArrayList<>(problems);
        more.add(why);
        return new StoreState(values, more, openFailure, complete);
    }

    /** The value of {@code key} the verifier read; empty when absent. */
    public Optional<Observed> value(String key) {
        Optional<Observed> value = values.get(key);
        if (value == null) {
            throw new IllegalArgumentException("the verifier did not report key " + key);
        }
        return value;
    }

    /** Whether the verifier reported {@code key} at all. */
    public boolean reported(String key) {
        return values.containsKey(key);
    }

    /** The keys reported, in the verifier's order. */
    public List<String> keys() {
        return List.copyOf(values.keySet());
    }

    /** Why the store did not open, if it did not: it needs manual repair. */
    public Optional<String> openFailure() {
        return openFailure;
    }

    /** Trouble after opening: a read that threw, a value that changed on the second open, a verifier that died. */
    public List<String> problems() {
        return Collections.unmodifiableList(problems);
    }

    /** Whether the verifier got to the end ({@code closed}). */
    public boolean complete() {
        return complete;
    }
}
