package companion.bench.engine;

import java.util.Optional;

/**
 * A store that can be told to reclaim the space of overwritten and deleted records now, for the space workload
 * ({@code m2-space}). Stores returned by {@link Engine#open} implement it when their engine has such a call; the
 * workload reports "n/a" for the others, with their files measured as they are.
 *
 * <pre>{@code
 * if (store instanceof Compactable c && c.compaction().isPresent()) {
 *     c.compact();                         // returns once the engine's compaction has finished
 * }
 * }</pre>
 */
public interface Compactable {

    /**
     * The engine's call that compacts, as it is named in the engine's own API ({@code compact()},
     * {@code compactRange()}), or empty when the engine has none.
     */
    Optional<String> compaction();

    /**
     * Runs {@link #compaction()} to completion.
     *
     * @throws UnsupportedOperationException when {@link #compaction()} is empty
     */
    void compact();
}
