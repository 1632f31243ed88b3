package companion.bench.workload;

import companion.api.Durability;
import java.util.List;

/**
 * One workload.
 *
 * @param name        {@code m1-inserts}, {@code fillrandom}, ...
 * @param milestone   the milestone whose default set it belongs to (0: run only when named)
 * @param operation   what each operation does
 * @param order       in which order the keys are visited
 * @param ycsb        the YCSB core workload letter ({@code a}..{@code f}) when {@code operation} is YCSB, else null
 * @param prefill     whether the store is filled with keys 0..N-1 (untimed) before the timed operations
 * @param verb        the plural noun in the result line: "1,000 inserts"
 * @param description one line for the header
 * @param durability  the durability this workload always runs at ({@code sync} for the durable writer), or null
 *                    for the run's {@code --durability}
 * @param threads     client threads this workload always uses (8 concurrent writers for group commit), or null
 *                    for the run's {@code --threads}
 * @param maxOps      at most this many operations, whatever the run's {@code --ops} (a synced write costs a disk
 *                    round trip, so a million of them would take minutes), or null for no cap
 * @param baselines   pseudo-engines ({@code hashmap}, {@code fdatasync}) that this workload's targets compare
 *                    against; a run of this workload adds them to its engines (empty: none)
 * @param alternatesWith the workload whose runs this one's take turns with when both are in a run (m2-group8 with
 *                    m2-sync, which its target divides by), so both see the same minute of the disk; or null
 */
public record Workload(String name, int milestone, Operation operation, Order order, String ycsb, boolean prefill,
                       String verb, String description, String durability, Integer threads, Integer maxOps,
                       List<String> baselines, String alternatesWith) {

    public Workload {
        baselines = baselines == null ? List.of() : List.copyOf(baselines);
        if (threads != null && threads < 1 || maxOps != null && maxOps < 1) {
            throw new IllegalArgumentException(name + ": threads and maxOps must be positive, were " + threads
                    + " and " + maxOps);
        }
    }

    /** What one operation does. */
    public enum Operation {
        PUT, GET, DELETE,
        /** A YCSB core workload, run through the official client (its own mix, keys and 1 KB records). */
        YCSB,
        /**
         * Space after compaction: fill N keys, overwrite most and delete the rest, ask the engine to compact, then
         * compare the bytes of its files with the bytes of the live keys and values. The result is a ratio, not a
         * rate; the time shown is the compaction's.
         */
        SPACE
    }

    /** The order the N keys are visited in. */
    public enum Order {
        /** 0, 1, 2, ... N-1. */
        SEQUENTIAL,
        /** Every key once, in a random order. */
        PERMUTATION,
        /** N draws from 0..N-1 with repeats, as db_bench's "random". */
        UNIFORM
    }

    /** The durability this workload runs at in a run whose {@code --durability} is {@code planned}. */
    public Durability durabilityIn(Durability planned) {
        return durability == null ? planned : Durability.parse(durability);
    }

    /** The client threads this workload uses in a run whose {@code --threads} is {@code planned}. */
    public int threadsIn(int planned) {
        return threads == null ? planned : threads;
    }

    /** The operations this workload performs in a run whose {@code --ops} is {@code planned}. */
    public int opsIn(int planned) {
        return maxOps == null ? planned : Math.min(maxOps, planned);
    }
}
