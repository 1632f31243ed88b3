package companion.course.m1;

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

/** The self-check's first half: the reference database meets every milestone 1 criterion. */
class ReferencePassesTest {
    private static final Milestone M1 = Catalog.load().milestone(1);

    static Stream<String> criteria() {
        return M1.criteria().stream().map(CriterionSpec::id);
    }

    @ParameterizedTest
    @MethodSource("criteria")
    void referencePasses(String id) {
        Subject.use(TestSubjects.reference());
        CriterionResult result = new CriterionRunner().run(M1, M1.criterion(id).orElseThrow());
        assertEquals(Status.PASSED, result.status(), result.message());
    }
}
