package companion.bench.run;

/**
 * What the space workload found: how many bytes an engine's files hold after its compaction, against the bytes the
 * live data needs.
 *
 * <pre>
 *   ratio = fileBytes / liveBytes
 *   liveBytes = Σ over live keys of (key bytes + value bytes)     the same for every engine: no headers, no index
 * </pre>
 *
 * A ratio of 1.0 would be the raw keys and values and nothing else; issue 5 asks the reference for at most 1.5.
 *
 * @param fileBytes     the sizes of every file in the store's directory (recursively), read while the store is
 *                      open, after compaction: its log, tables, indexes, manifests and info logs alike
 * @param liveBytes     key plus value bytes (UTF-8) of the keys that are live when compaction starts
 * @param files         how many files that is
 * @param liveKeys      keys live at the end
 * @param writes        puts and deletes applied before compaction (fill, overwrites, deletes)
 * @param compaction    the engine's call that compacted ({@code compact()}, {@code compactRange()}), or {@code n/a}
 *                      when it has none: then the files are measured as the engine left them
 * @param compactMillis how long that call took (0 for n/a)
 */
public record SpaceUse(long fileBytes, long liveBytes, int files, long liveKeys, long writes, String compaction,
                       double compactMillis) {

    /** What the result of an engine without a compaction call says in place of the call. */
    public static final String NOT_AVAILABLE = "n/a";

    /** fileBytes / liveBytes. */
    public double ratio() {
        return liveBytes == 0 ? 0 : (double) fileBytes / liveBytes;
    }
}
