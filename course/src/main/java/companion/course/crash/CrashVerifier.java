package companion.course.crash;

import companion.api.StorageEngine;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The child program that reopens a store after the crash writer was killed, and reports every key of the run: the
 * parent's eyes on the store, in a JVM of its own so that the parent never loads the engine's classes.
 *
 * <pre>
 *   java -cp ... companion.course.crash.CrashVerifier --opener C#m --dir D --durability sync --seed 42
 *   opened
 *   value k0-00 40:5d1c9a0e 74302331303b...      digest, then the first bytes in hex
 *   absent k0-01
 *   reopened                                     closed, opened again, read again: same answers
 *   closed
 * </pre>
 *
 * <p>The keys come from the seed ({@link CrashPlan#keys()}), so each is read with {@code get}; {@code scan} is not
 * used. Opening twice checks that recovery is repeatable: a recovery that truncates a torn tail must leave a store
 * that the next recovery reads the same way. {@link StoreState} parses the output; the line kinds are listed there.
 * The verifier always exits 0 once it has said what happened; any other status means it died.
 */
public final class CrashVerifier {
    /** The state of a key whose read threw (reported as read-failed, not as a value). */
    private static final String FAILED = "!";

    /** Thrown when a store does not open: its message is the line to print. */
    private static final class OpenFailed extends Exception {
        OpenFailed(String line) {
            super(line, null, false, false);
        }
    }

    private CrashVerifier() {
    }

    public static void main(String[] argv) {
        ChildArgs args = ChildArgs.parse(argv);
        ProtocolOut out = ProtocolOut.claimStdout();
        List<String> keys = CrashPlan.of(args.seed()).keys();
        Map<String, String> first;
        try {
            first = readOnce(args, keys, out, "open-failed ", "opened");
            first.forEach((key, state) -> {
                if (!state.equals(FAILED)) {
                    out.println(state.isEmpty() ? "absent " + key : "value " + key + " " + state);
                }
            });
            Map<String, String> second = readOnce(args, keys, out, "reopen-failed ", "reopened");
            for (String key : keys) {
                if (!second.get(key).equals(first.get(key))) {
                    out.println("changed " + key + " from " + show(first.get(key)) + " on the first open to "
                            + show(second.get(key)) + " on the second");
                }
            }
        } catch (OpenFailed e) {
            out.println(e.getMessage());
            System.exit(0);
        }
        out.println("closed");
        // An engine thread the engine's close() left running must not keep this JVM (and the parent) waiting.
        System.exit(0);
    }

    /** Opens the store, reads every key, closes it; a close that throws is reported and does not stop the run. */
    private static Map<String, String> readOnce(ChildArgs args, List<String> keys, ProtocolOut out, String failure,
                                                String success) throws OpenFailed {
        StorageEngine engine;
        try {
            engine = EngineOpener.resolve(args.opener()).open(args.dir(), args.durability());
        } catch (RuntimeException | LinkageError | AssertionError e) {
            throw new OpenFailed(failure + ProtocolOut.describe(e));
        }
        out.println(success);
        Map<String, String> states = new LinkedHashMap<>();
        for (String key : keys) {
            try {
                Optional<byte[]> value = engine.get(key.getBytes(StandardCharsets.US_ASCII));
                states.put(key, value.map(v -> Digest.of(v).render() + " " + TracedValue.headHex(v)).orElse(""));
            } catch (RuntimeException | AssertionError e) {
                out.println("read-failed " + key + " ! " + ProtocolOut.describe(e));
                states.put(key, FAILED);
            }
        }
        try {
            engine.close();
        } catch (RuntimeException | AssertionError e) {
            out.println("close-failed " + ProtocolOut.describe(e));
        }
        return states;
    }

    private static String show(String state) {
        return state.isEmpty() ? "absent" : state.equals(FAILED) ? "a failed read" : state;
    }
}
