package companion.course.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import companion.course.criteria.Criterion;
import companion.course.runner.CriterionRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class CatalogTest {
    private final Catalog catalog = Catalog.load();

    @Test
    void hasFiveMilestonesWithTheSeedScaffoldTargets() {
        assertEquals(List.of("m1", "m2", "m3", "m4", "m5"), catalog.milestones().stream().map(Milestone::id).toList());
        assertEquals(List.of(0.80, 0.60, 0.40, 0.20, 0.15),
                catalog.milestones().stream().map(Milestone::scaffoldTarget).toList());
    }

    @Test
    void criterionIdsAreUniqueAcrossTheCourse() {
        Set<String> seen = new HashSet<>();
        catalog.milestones().stream().flatMap(m -> m.criteria().stream())
                .forEach(c -> assertTrue(seen.add(c.id()), "duplicate criterion id " + c.id()));
    }

    @Test
    void everyCatalogCriterionHasExactlyOneSuiteMethodAndViceVersa() throws ClassNotFoundException {
        for (Milestone milestone : catalog.milestones()) {
            if (!milestone.available()) {
                continue;
            }
            Set<String> inSuite = Arrays.stream(Class.forName(milestone.suite()).getDeclaredMethods())
                    .filter(m -> m.isAnnotationPresent(Criterion.class))
                    .map(m -> m.getAnnotation(Criterion.class).value())
                    .collect(Collectors.toSet());
            Set<String> inCatalog = milestone.criteria().stream().map(CriterionSpec::id).collect(Collectors.toSet());
            assertEquals(inCatalog, inSuite, milestone.id() + ": catalog and suite disagree");
            milestone.criteria().forEach(c -> CriterionRunner.methodOf(milestone, c.id()));
        }
    }

    @Test
    void apiListNamesEveryApiSource() throws IOException {
        Path apiRoot = Path.of(System.getProperty("basedir", "."), "..", "api", "src", "main", "java");
        try (Stream<Path> files = Files.walk(apiRoot)) {
            Set<String> onDisk = files.filter(p -> p.toString().endsWith(".java"))
                    .map(p -> apiRoot.relativize(p).toString().replace('\\', '/')).collect(Collectors.toSet());
            Set<String> listed = catalog.milestones().stream().flatMap(m -> m.api().stream())
                    .collect(Collectors.toSet());
            assertEquals(onDisk, listed, "every api source belongs to exactly the milestone that introduces it");
        }
    }

    @Test
    void rejectsAMilestoneNumberOutOfRangeByName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> catalog.milestone(6));
        assertEquals("no milestone 6: the course has milestones 1 to 5", e.getMessage());
    }
}
