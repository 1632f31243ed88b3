package companion.course.crash;

/**
 * When the writer died, planned and actual. The plan comes from the seed; what the writer had done by the time
 * the signal landed depends on timing (the writer keeps going while the parent reads and sends the signal), so a
 * seed replays the workload and the kill's target, not the exact instant.
 *
 * <pre>{@code
 * kill.describe();   // "SIGKILL after 113 acks (+450 µs): 118 operations acknowledged in all, 1 in flight"
 * }</pre>
 *
 * <p>Acks here count every acknowledged operation, flushes and compactions included; {@link RunResult#ackedWrites()}
 * counts only the puts, deletes and batches.
 *
 * @param plannedAcks  the parent sent the signal after reading this many acks (from {@link CrashPlan})
 * @param delayMicros  ... and waiting this long
 * @param acksAtKill   acks read when it sent the signal (below plannedAcks when the writer was done earlier)
 * @param ackedInAll   acks the writer printed before it died (read after the kill, to the end of the pipe)
 * @param inFlight     operations started and never acknowledged
 * @param exitStatus   the writer's exit status: {@value ChildProcess#KILLED_BY_SIGKILL} when SIGKILL ended it
 * @param signalled    whether the parent sent the signal (false: the writer ended by itself first)
 */
public record KillPoint(int plannedAcks, int delayMicros, int acksAtKill, long ackedInAll, long inFlight,
                        int exitStatus, boolean signalled) {
    /** Whether SIGKILL ended the writer. */
    public boolean bySigkill() {
        return signalled && exitStatus == ChildProcess.KILLED_BY_SIGKILL;
    }

    /** One line for a person. */
    public String describe() {
        String how = bySigkill() ? "SIGKILL" : signalled ? "signalled, but exit status " + exitStatus
                : "no kill: the writer ended by itself with status " + exitStatus;
        return how + " after " + acksAtKill + " acks" + (delayMicros > 0 ? " (+" + delayMicros + " µs)" : "")
                + ": " + ackedInAll + " operations acknowledged in all, " + inFlight + " in flight";
    }
}
