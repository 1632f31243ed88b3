/**
 * JMH microbenchmarks of the reference database's hot paths: {@link companion.bench.jmh.KVStoreBenchmark} (put,
 * get of a present and of a missing key, and a four-thread put/get mix that shows lock contention) and
 * {@link companion.bench.jmh.LogRecordBenchmark} (encoding a put record, replaying a 100,000-record log).
 *
 * <p>Run them all from the repository root with one command (the build writes the module's runtime classpath to
 * {@code bench/target/classpath.txt}, and JMH's annotation processor writes {@code META-INF/BenchmarkList} into
 * {@code bench/target/classes}):
 *
 * <pre>
 * ./mvnw -q -B -pl bench -am package -DskipTests &amp;&amp; java -cp "bench/target/classes:$(cat bench/target/classpath.txt)" org.openjdk.jmh.Main 'companion.bench.jmh.*' -f 1 -wi 3 -i 5
 * </pre>
 *
 * The last argument before the options is a regular expression over benchmark names, e.g.
 * {@code 'KVStoreBenchmark.get'} for the two gets only. The defaults in the annotations (one fork, 3 warm-up and
 * 5 measured iterations of one second) suit a 2-core machine; options on the command line override them
 * ({@code -w 1s -r 1s} for iteration times, {@code -t} for threads, {@code -h} for the rest). Results are
 * throughput in operations per second; for the replay, an operation is one record.
 *
 * <p>These measure the reference alone, inside one JVM, with no files opened or closed on the measured path; the
 * workload runner in {@link companion.bench.run} is what compares engines fairly.
 */
package companion.bench.jmh;
