/**
 * YCSB, the Yahoo! Cloud Serving Benchmark, on our engines: the core workloads A-F that papers and vendors quote,
 * run through the official YCSB client library ({@code site.ycsb:core}) rather than a re-implementation, so the
 * numbers mean what the field means by them.
 *
 * <h2>What YCSB is</h2>
 * A client that loads a table of records (by default 10 fields of 100 bytes each, keys {@code user<hash>}), then
 * issues a mix of operations against it from several threads, choosing keys by a skewed distribution, and reports
 * throughput and per-operation latency. A database joins by implementing a <em>binding</em>, a subclass of
 * {@link site.ycsb.DB}; ours is {@link companion.bench.ycsb.EngineDB}, over any
 * {@link companion.bench.engine.Engine}.
 *
 * <pre>
 *   workload                 read  update  insert  scan  read-modify-write  keys chosen by
 *   A  update heavy          50%   50%                                      zipfian
 *   B  read mostly           95%    5%                                      zipfian
 *   C  read only            100%                                            zipfian
 *   D  read latest           95%           5%                               latest (newest inserts hottest)
 *   E  short ranges                        5%     95%                       zipfian; scans of 1..100 records
 *   F  read-modify-write     50%                         50%                zipfian
 * </pre>
 *
 * <h2>Pieces</h2>
 * <ul>
 *   <li>{@link companion.bench.ycsb.YcsbRun}: runs one workload letter (load phase, then run phase) in this JVM
 *       and returns a {@link companion.bench.ycsb.YcsbOutcome}.
 *   <li>{@link companion.bench.ycsb.EngineDB}: the binding; one store shared by all client threads.
 *   <li>{@link companion.bench.ycsb.RecordCodec}: a record as one length-prefixed string.
 *   <li>{@link companion.bench.ycsb.CoreWorkloads}: the A-F definitions as YCSB properties.
 * </ul>
 *
 * <h2>Simplifications</h2>
 * <ul>
 *   <li>A record is one value: our stores map strings to strings, so updating one field rewrites the record
 *       (an update costs a read plus a write, as in many key-value bindings).
 *   <li>No scans: milestone 1's {@link companion.api.KeyValueStore} has no ordered iteration, so workload E is
 *       reported as not supported and not run.
 *   <li>No seed: YCSB 0.17.0 draws every random choice from {@code ThreadLocalRandom}; only the key set, the
 *       record shape and the mix are fixed, so operation counts vary slightly around the proportions.
 *   <li>One run at a time per JVM: YCSB keeps its measurements in a JVM-wide singleton, reset between phases.
 *   <li>Unthrottled, with no time limit and no warm-up; the store is opened and closed outside the timed phases.
 * </ul>
 */
package companion.bench.ycsb;
