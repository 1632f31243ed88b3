package companion.course.guidance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import companion.course.catalog.Catalog;
import companion.course.catalog.CriterionSpec;
import companion.course.catalog.Milestone;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The build check of the hint data: every criterion of milestones.json (every milestone, available or not) has a
 * complete ladder that points at a real lesson section, and no ladder names an unknown criterion.
 */
class HintBookTest {
    private final Catalog catalog = Catalog.load();
    private final HintBook book = HintBook.load();

    @Test
    void everyCriterionHasACompleteLadderAndNoLadderIsForAnUnknownCriterion() {
        List<String> problems = book.problems();
        assertEquals(List.of(), problems, "fix the hint files under course/src/main/resources/companion/course/hints/");
    }

    @Test
    void theCheckCoversMilestoneTwoToo() {
        Milestone m2 = catalog.milestone(2);
        assertFalse(m2.criteria().isEmpty(), "milestone 2's criteria are in the catalog");
        for (CriterionSpec spec : m2.criteria()) {
            assertTrue(book.ladder(spec.id()).isPresent(), spec.id());
        }
    }

    @Test
    void everyLevelOfEveryLadderRendersWithoutAFailure() {
        for (Milestone m : catalog.milestones()) {
            for (CriterionSpec spec : m.criteria()) {
                for (int level = 1; level <= HintLevel.COUNT; level++) {
                    Hint hint = book.hint(spec.id(), level, Optional.empty());
                    assertEquals(level, hint.level());
                    assertFalse(hint.text().isBlank(), spec.id() + " level " + level);
                    assertFalse(hint.text().contains("{"), "an unfilled placeholder in " + spec.id() + ": " + hint.text());
                }
            }
        }
    }

    @Test
    void thePointerNamesTheLessonSection() {
        Hint pointer = book.hint("persistence-reload", 2, Optional.empty());
        assertEquals("pointer", pointer.kind());
        assertTrue(pointer.text().contains("Step 5: replay on open"), pointer.text());
    }

    @Test
    void unknownCriteriaAndLevelsAreRefusedWithTheOffendingValue() {
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> book.hint("no-such-criterion", 1, Optional.empty()));
        assertTrue(unknown.getMessage().contains("no-such-criterion"));
        IllegalArgumentException level = assertThrows(IllegalArgumentException.class,
                () -> book.hint("put-and-get", 5, Optional.empty()));
        assertTrue(level.getMessage().contains("5"));
    }
}
