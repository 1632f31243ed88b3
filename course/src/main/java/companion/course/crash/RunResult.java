package companion.course.crash;

import companion.api.Durability;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The outcome of one crash run: what was planned, where the kill landed, how many acknowledged writes were checked,
 * and what was wrong.
 *
 * <pre>{@code
 * RunResult r = crashTest.run(17, CrashPlan.runSeed(42, 17));
 * if (!r.passed()) {
 *     r.violations().forEach(v -> System.out.println(v.render()));
 *     System.out.println("replay with seed " + r.seed() + "; files kept in " + r.keptAt().orElseThrow());
 * }
 * }</pre>
 *
 * @param index        the run's number in its series, from 0
 * @param seed         the run's seed: {@code --runs 1 --seed} it replays the run
 * @param durability   the durability the store was opened with
 * @param plan         the workload and kill target the seed gives
 * @param kill         when the writer died
 * @param ackedWrites  acknowledged puts, deletes and batches, all checked
 * @param violations   empty when the store's state was explained
 * @param keptAt       for a failed run, the directory kept for inspection: the store, both children's output
 */
public record RunResult(int index, long seed, Durability durability, CrashPlan plan, KillPoint kill,
                        long ackedWrites, List<Violation> violations, Optional<Path> keptAt) {
    public RunResult {
        violations = List.copyOf(violations);
    }

    public boolean passed() {
        return violations.isEmpty();
    }
}
