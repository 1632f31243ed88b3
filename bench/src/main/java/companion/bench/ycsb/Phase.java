package companion.bench.ycsb;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import org.apache.htrace.core.HTraceConfiguration;
import org.apache.htrace.core.Tracer;
import site.ycsb.ClientThread;
import site.ycsb.DB;
import site.ycsb.DBWrapper;
import site.ycsb.WorkloadException;
import site.ycsb.measurements.Measurements;
import site.ycsb.workloads.CoreWorkload;

/**
 * One YCSB phase (load or run) driven through YCSB's own machinery, as {@code site.ycsb.Client} does it but in
 * this JVM and without {@code System.exit}: a fresh {@link CoreWorkload}, one {@link ClientThread} per client
 * thread, each with its own {@link EngineDB} wrapped in a {@link DBWrapper} (which times every operation into
 * YCSB's {@link Measurements}), all started together and joined.
 *
 * <p>As in YCSB's client, the operations are split evenly between the threads (the first {@code n % threads} get
 * one more), there are never more threads than operations (a thread with none would run forever, since YCSB reads
 * an operation count of 0 as "no limit"), and the time runs from starting the threads to the last one finishing.
 */
final class Phase {

    /**
     * @param nanos        wall-clock time from starting the client threads to joining the last
     * @param done         operations the client threads completed (YCSB's own count)
     * @param measurements YCSB's measurements of this phase, as {@link MeasurementCapture} reads them
     */
    record Result(long nanos, long done, Map<String, Map<String, Double>> measurements) {
    }

    private Phase() {
    }

    /**
     * Runs {@code operations} inserts ({@code transactions} false) or transactions with up to {@code threads}
     * client threads named after {@code label}.
     *
     * @throws IllegalStateException if YCSB rejects the workload properties
     */
    static Result run(String label, Properties properties, boolean transactions, int operations, int threads) {
        // Before anything of YCSB is constructed: they all grab the Measurements singleton when built.
        YcsbStatics.reset(properties);
        CoreWorkload workload = new CoreWorkload();
        try {
            workload.init(properties);
        } catch (WorkloadException e) {
            throw new IllegalStateException(label + ": YCSB rejected the workload properties: " + e.getMessage(), e);
        }
        int clients = Math.min(threads, operations);
        Tracer tracer = new Tracer.Builder("companion-" + label).conf(HTraceConfiguration.EMPTY).build();
        try {
            CountDownLatch finished = new CountDownLatch(clients);
            List<ClientThread> clientThreads = new ArrayList<>(clients);
            List<Thread> workers = new ArrayList<>(clients);
            for (int id = 0; id < clients; id++) {
                DB db = new DBWrapper(new EngineDB(), tracer);
                db.setProperties(properties);
                int share = operations / clients + (id < operations % clients ? 1 : 0);
                // A target of -1 means unthrottled: as fast as the store allows.
                ClientThread client = new ClientThread(db, transactions, workload, properties, share, -1,
                        finished);
                client.setThreadId(id);
                client.setThreadCount(clients);
                clientThreads.add(client);
                workers.add(new Thread(client, label + "-" + id));
            }
            long start = System.nanoTime();
            workers.forEach(Thread::start);
            joinAll(label, workers, workload);
            long nanos = System.nanoTime() - start;
            long done = 0;
            for (ClientThread client : clientThreads) {
                done += client.getOpsDone();
            }
            cleanup(label, workload);
            return new Result(nanos, done, MeasurementCapture.of(Measurements.getMeasurements()));
        } finally {
            tracer.close();
        }
    }

    /** Joins every worker; if interrupted, asks the workload to stop, still waits for all, then fails. */
    private static void joinAll(String label, List<Thread> workers, CoreWorkload workload) {
        boolean interrupted = false;
        for (Thread worker : workers) {
            while (worker.isAlive()) {
                try {
                    worker.join();
                } catch (InterruptedException e) {
                    // Leaving threads running against a store that is about to close would be worse than waiting.
                    interrupted = true;
                    workload.requestStop();
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(label + ": interrupted; the client threads were stopped early");
        }
    }

    private static void cleanup(String label, CoreWorkload workload) {
        try {
            workload.cleanup();
        } catch (WorkloadException e) {
            throw new IllegalStateException(label + ": YCSB workload cleanup failed: " + e.getMessage(), e);
        }
    }
}
