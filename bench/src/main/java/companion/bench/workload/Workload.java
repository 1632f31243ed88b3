package companion.bench.workload;

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
 */
public record Workload(String name, int milestone, Operation operation, Order order, String ycsb, boolean prefill,
                       String verb, String description) {

    /** What one operation does. */
    public enum Operation {
        PUT, GET, DELETE,
        /** A YCSB core workload, run through the official client (its own mix, keys and 1 KB records). */
        YCSB
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
}
