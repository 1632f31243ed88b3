package companion.course.guidance;

import java.time.Duration;
import java.time.Instant;

/**
 * Which hint level a learner may see next: a ladder is climbed one rung at a time, and a rung unlocks only after
 * the learner has tried again, so that a hint is read and used before the next one comes.
 *
 * <pre>
 *   nothing shown yet                                        level 1
 *   level n shown, then another failed run of the criterion  level n + 1
 *   level n shown, {@link #WAIT} ago or longer               level n + 1
 *   otherwise                                                level n again (and how long until n + 1)
 * </pre>
 *
 * Level 4 is the top: asking again shows it again. The clock is a parameter, so tests need no waiting.
 */
public final class Unlocking {
    /** How long a hint stays the latest before the next level unlocks without another run. */
    public static final Duration WAIT = Duration.ofMinutes(3);

    /**
     * The level to show, and what unlocks the one after it.
     *
     * @param level    1..4
     * @param advanced true when this is a deeper level than the learner saw before
     * @param waitLeft how long until the next level unlocks by time alone; zero at the top level
     */
    public record Step(int level, boolean advanced, Duration waitLeft) {
        /** True when no deeper level exists. */
        public boolean top() {
            return level == HintLevel.COUNT;
        }
    }

    private Unlocking() {
    }

    /**
     * @param shown         the deepest level shown so far, 0 for none
     * @param shownAt       when it was shown (ignored when {@code shown} is 0)
     * @param lastFailedRun when the criterion last failed a run, or null if never
     * @param now           the present
     */
    public static Step next(int shown, Instant shownAt, Instant lastFailedRun, Instant now) {
        if (shown < 0 || shown > HintLevel.COUNT) {
            throw new IllegalArgumentException("hint level shown must be 0 to " + HintLevel.COUNT + ": " + shown);
        }
        if (shown == 0) {
            return step(1, true, now, now);
        }
        if (shown == HintLevel.COUNT) {
            return new Step(shown, false, Duration.ZERO);
        }
        boolean triedAgain = lastFailedRun != null && lastFailedRun.isAfter(shownAt);
        boolean waited = !now.isBefore(shownAt.plus(WAIT));
        return triedAgain || waited ? step(shown + 1, true, now, now) : step(shown, false, shownAt, now);
    }

    private static Step step(int level, boolean advanced, Instant since, Instant now) {
        Duration left = level == HintLevel.COUNT ? Duration.ZERO : Duration.between(now, since.plus(WAIT));
        return new Step(level, advanced, left.isNegative() ? Duration.ZERO : left);
    }
}
