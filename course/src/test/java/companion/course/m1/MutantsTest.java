package companion.course.m1;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import companion.course.Golden;
import companion.course.TestSubjects;
import companion.course.catalog.Catalog;
import companion.course.catalog.Milestone;
import companion.course.criteria.Subject;
import companion.course.mutants.Flaw;
import companion.course.runner.CriterionResult;
import companion.course.runner.CriterionRunner;
import companion.course.runner.Status;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The self-check's second half: every criterion catches a deliberately broken store, and says so in words a
 * learner can act on. The messages are golden files under {@code src/test/resources/golden/m1/}; after changing a
 * message on purpose, regenerate them with {@code ./mvnw -pl course test -Dgolden.update=true} and review the diff.
 */
class MutantsTest {
    private static final Milestone M1 = Catalog.load().milestone(1);
    /** A race is caught by chance: this many runs must include at least one catch. */
    private static final int RACE_ATTEMPTS = 5;

    @ParameterizedTest
    @EnumSource(Flaw.class)
    void criterionCatchesFlawWithAReadableMessage(Flaw flaw) {
        CriterionResult result = null;
        for (int attempt = 0; attempt < (flaw.deterministic() ? 1 : RACE_ATTEMPTS); attempt++) {
            Subject.use(TestSubjects.mutant(flaw));
            result = new CriterionRunner().run(M1, M1.criterion(flaw.caughtBy()).orElseThrow());
            if (result.status() == Status.FAILED) {
                break;
            }
        }
        assertEquals(Status.FAILED, result.status(), flaw + " must fail " + flaw.caughtBy() + ": " + result.message());
        assertFalse(result.message().contains("\tat "), "a learner must not read a stack trace:\n" + result.message());
        if (flaw.deterministic()) {
            Golden.assertGolden("m1", flaw.name(), "status: " + result.status().word() + "\n" + result.message() + "\n");
        } else {
            assertTrue(result.did() != null && result.got() != null, result.message());
        }
    }

    @Test
    void everyCriterionHasAFlawThatItCatches() {
        Set<String> caught = Arrays.stream(Flaw.values()).map(Flaw::caughtBy).collect(Collectors.toSet());
        M1.criteria().forEach(c -> assertTrue(caught.contains(c.id()), c.id() + " has no mutant: is it vacuous?"));
    }
}
