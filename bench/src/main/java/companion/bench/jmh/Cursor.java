package companion.bench.jmh;

import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.ThreadParams;

/**
 * Each benchmark thread's position in a pre-generated array. Per thread, so that threads never contend on the
 * index itself: the only contention measured is the store's.
 */
@State(Scope.Thread)
public class Cursor {
    /** Not final: JMH creates the state, then {@link #start} places it; it then advances on every call. */
    private int next;

    /**
     * Spreads threads over the array, so that four threads of a mix do not hit the same key in lock step.
     *
     * @param thread JMH's description of the running thread
     */
    @Setup(Level.Trial)
    public void start(ThreadParams thread) {
        next = thread.getThreadIndex() * 7_919; // a prime: threads land far apart in any array length used here
    }

    /** The next index in {@code [0, length)}, wrapping around; a compare, not a division, on the hot path. */
    int next(int length) {
        if (next >= length) {
            next %= length; // only on a thread's first call, when its start lies past the end of a short array
        }
        int i = next;
        if (++next == length) {
            next = 0;
        }
        return i;
    }
}
