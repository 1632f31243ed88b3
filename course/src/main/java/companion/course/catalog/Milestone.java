package companion.course.catalog;

import java.util.List;
import java.util.Optional;

/**
 * One milestone of the course.
 *
 * @param id             {@code m1}..{@code m5}
 * @param number         1..5
 * @param title          e.g. "Key-value store"
 * @param available      false until the milestone's lesson, suite and starter exist
 * @param scaffoldTarget share of the reference's code lines the starter gives away (0.80 for m1)
 * @param concepts       what the lesson teaches, in a few words each
 * @param api            api sources the milestone needs, relative to {@code src/main/java}; given whole
 * @param packageDir     the reference package this milestone's files live in, e.g. {@code companion/database/kv}
 * @param files          the milestone's reference files in that package: the learner's starter files
 * @param suite          the JUnit class holding the acceptance criteria
 * @param entry          how criteria reach the code under test
 * @param criteria       in the order they run and are shown
 */
public record Milestone(String id, int number, String title, boolean available, double scaffoldTarget,
                        List<String> concepts, List<String> api, String packageDir, List<String> files, String suite, Entry entry,
                        List<CriterionSpec> criteria) {
    public Milestone {
        concepts = List.copyOf(concepts);
        api = api == null ? List.of() : List.copyOf(api);
        files = files == null ? List.of() : List.copyOf(files);
        criteria = List.copyOf(criteria);
    }

    /** The criterion with this id, if this milestone has it. */
    public Optional<CriterionSpec> criterion(String criterionId) {
        return criteria.stream().filter(c -> c.id().equals(criterionId)).findFirst();
    }

    /** Source paths of the starter files, relative to {@code src/main/java}. */
    public List<String> sourcePaths() {
        return files.stream().map(f -> packageDir + "/" + f).toList();
    }
}
