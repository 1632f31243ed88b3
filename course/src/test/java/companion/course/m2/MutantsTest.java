package companion.course.m2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import companion.course.Golden;
import companion.course.TestSubjects;
import companion.course.catalog.Catalog;
import companion.course.catalog.Milestone;
import companion.course.criteria.Subject;
import companion.course.mutants.EngineFlaw;
import companion.course.mutants.FlawedEngine;
import companion.course.runner.CriterionResult;
import companion.course.runner.CriterionRunner;
import companion.course.runner.Status;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The self-check's second half for milestone 2: every criterion catches an engine with one deliberate mistake
 * ({@link EngineFlaw}), in words a learner can act on, and the correct engine the mutants are made from passes them
 * all (so it is the mistake that is caught, not something else). Messages of the deterministic catches are golden
 * files under {@code src/test/resources/golden/m2/}.
 */
class MutantsTest {
    private static final Milestone M2 = Catalog.load().milestone(2);
    /** A catch that depends on timing (a kill, a race) must happen within this many runs, each with its own seed. */
    private static final int ATTEMPTS = 4;

    static List<EngineFlaw> mistakes() {
        return EngineFlaw.mistakes();
    }

    @ParameterizedTest
    @MethodSource("mistakes")
    void criterionCatchesFlawWithAReadableMessage(EngineFlaw flaw) {
        CriterionResult result = null;
        for (int attempt = 0; attempt < (flaw.deterministic() ? 1 : ATTEMPTS); attempt++) {
            Subject.use(mutant(flaw).withSeed(TestSubjects.SEED + attempt));
            result = new CriterionRunner().run(M2, M2.criterion(flaw.caughtBy()).orElseThrow());
            if (result.status() == Status.FAILED) {
                break;
            }
        }
        assertEquals(Status.FAILED, result.status(), flaw + " must fail " + flaw.caughtBy() + ": " + result.message());
        assertFalse(result.message().contains("\tat "), "a learner must not read a stack trace:\n" + result.message());
        if (flaw.deterministic()) {
            Golden.assertGolden("m2", flaw.name(), "status: " + result.status().word() + "\n" + result.message()
                    + "\n");
        } else {
            assertTrue(result.did() != null && result.got() != null, result.message());
        }
    }

    @ParameterizedTest
    @MethodSource("criteria")
    void theCorrectEngineTheMutantsComeFromPasses(String id) {
        Subject.use(mutant(EngineFlaw.NONE));
        CriterionResult result = new CriterionRunner().run(M2, M2.criterion(id).orElseThrow());
        assertEquals(Status.PASSED, result.status(), result.message());
    }

    static List<String> criteria() {
        return M2.criteria().stream().map(c -> c.id()).toList();
    }

    @Test
    void everyCriterionHasAFlawThatItCatches() {
        Set<String> caught = mistakes().stream().map(EngineFlaw::caughtBy).collect(Collectors.toSet());
        M2.criteria().forEach(c -> assertTrue(caught.contains(c.id()), c.id() + " has no mutant: is it vacuous?"));
    }

    /** The engine with {@code flaw}: in this JVM directly, in the crash harness's children by the system property. */
    private static Subject mutant(EngineFlaw flaw) {
        return Subject.ofEngine(flaw.name(), new Subject.Engine(FlawedEngine.class.getName() + "#open",
                        (dir, durability) -> FlawedEngine.open(dir, durability, flaw)),
                System.getProperty("java.class.path"), List.of("-D" + EngineFlaw.PROPERTY + "=" + flaw.name()),
                TestSubjects.SEED);
    }
}
