package companion.course.guidance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The next level unlocks after another failed run of the criterion, or after a few minutes; never two at once. */
class UnlockingTest {
    private static final Instant SHOWN = Instant.parse("2025-01-01T10:00:00Z");

    @Test
    void theFirstHintIsLevelOne() {
        Unlocking.Step step = Unlocking.next(0, null, null, SHOWN);
        assertEquals(1, step.level());
        assertTrue(step.advanced());
    }

    @Test
    void askingAgainRightAwayRepeatsTheLevelAndSaysHowLongToWait() {
        Unlocking.Step step = Unlocking.next(1, SHOWN, null, SHOWN.plusSeconds(60));
        assertEquals(1, step.level());
        assertFalse(step.advanced());
        assertEquals(Unlocking.WAIT.minusSeconds(60), step.waitLeft());
    }

    @Test
    void aFailedRunAfterTheHintUnlocksTheNextLevel() {
        assertEquals(2, Unlocking.next(1, SHOWN, SHOWN.plusSeconds(5), SHOWN.plusSeconds(6)).level());
    }

    @Test
    void aFailedRunBeforeTheHintDoesNotCount() {
        assertEquals(2, Unlocking.next(2, SHOWN, SHOWN.minusSeconds(5), SHOWN.plusSeconds(6)).level());
    }

    @Test
    void waitingLongEnoughUnlocksTheNextLevelWithoutARun() {
        assertEquals(3, Unlocking.next(2, SHOWN, null, SHOWN.plus(Unlocking.WAIT)).level());
    }

    @Test
    void levelFourIsTheTop() {
        Unlocking.Step step = Unlocking.next(4, SHOWN, SHOWN.plusSeconds(5), SHOWN.plus(Duration.ofHours(1)));
        assertEquals(4, step.level());
        assertTrue(step.top());
        assertEquals(Duration.ZERO, step.waitLeft());
    }
}
