package companion.course.m2;

import static org.junit.jupiter.api.Assertions.assertEquals;

import companion.course.TestSubjects;
import companion.course.catalog.Catalog;
import companion.course.catalog.CriterionSpec;
import companion.course.catalog.Milestone;
import companion.course.criteria.Subject;
import companion.course.runner.CriterionResult;
import companion.course.runner.CriterionRunner;
import companion.course.runner.Status;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The self-check's first half for milestone 2: the reference engine meets every criterion. */
class ReferencePassesTest {
    private static final Milestone M2 = Catalog.load().milestone(2);

    static Stream<String> criteria() {
        return M2.criteria().stream().map(CriterionSpec::id);
    }

    @ParameterizedTest
    @MethodSource("criteria")
    void referencePasses(String id) {
        Subject.use(TestSubjects.referenceEngine());
        long start = System.nanoTime();
        CriterionResult result = new CriterionRunner().run(M2, M2.criterion(id).orElseThrow());
        System.out.printf("%s: %s in %d ms%n", id, result.status().word(), (System.nanoTime() - start) / 1_000_000);
        assertEquals(Status.PASSED, result.status(), result.message());
    }
}
