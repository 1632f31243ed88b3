package companion.course.scaffold;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import companion.course.catalog.Catalog;
import companion.course.catalog.CriterionSpec;
import companion.course.catalog.Milestone;
import companion.course.compile.CompileError;
import companion.course.compile.SourceCompiler;
import companion.course.criteria.Subject;
import companion.course.runner.CriterionResult;
import companion.course.runner.CriterionRunner;
import companion.course.runner.Status;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Each available milestone's generated starter compiles, fails every criterion the milestone introduces, and gives
 * away the milestone's target share of code lines (80 % for milestone 1, 60 % for milestone 2, ...).
 */
class StarterTest {
    @TempDir
    static Path dir;
    /** Compiled starters by milestone number, so each is generated and compiled once. */
    private static final Map<Integer, Compiled> COMPILED = new HashMap<>();

    private record Compiled(Milestone milestone, Starter starter, Path classes) {
    }

    private static synchronized Compiled compiled(int number) {
        return COMPILED.computeIfAbsent(number, n -> {
            Milestone milestone = Catalog.load().milestone(n);
            Starter starter = Starter.of(milestone);
            Path root = dir.resolve("m" + n);
            Path src = root.resolve("src/main/java");
            try {
                for (ScaffoldedFile file : starter.all()) {
                    Path path = src.resolve(file.path());
                    Files.createDirectories(path.getParent());
                    Files.writeString(path, file.text());
                }
                Path classes = root.resolve("classes");
                List<CompileError> errors = SourceCompiler.compile(src, classes, List.of(), root);
                assertEquals(List.of(), errors, "the starter of milestone " + n + " must compile");
                return new Compiled(milestone, starter, classes);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void shareIsNearTheTarget(int number) {
        Compiled c = compiled(number);
        double share = c.starter().share();
        System.out.printf("milestone %d starter: %.1f %% given, %d learner lines%n", number, share * 100,
                c.starter().learnerLines());
        assertTrue(Math.abs(share - c.milestone().scaffoldTarget()) <= 0.05, String.format(
                "scaffold share %.1f %% is not within 5 points of the %.0f %% target (%d learner lines)",
                share * 100, c.milestone().scaffoldTarget() * 100, c.starter().learnerLines()));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void everyRegionBecomesATodo(int number) {
        Compiled c = compiled(number);
        String todo = "// TODO(m" + number + "): ";
        assertTrue(c.starter().files().stream().anyMatch(f -> f.text().contains(todo)), "no " + todo);
        c.starter().files().forEach(f -> assertTrue(!f.text().contains("@scaffold-"),
                "markers must not reach the learner: " + f.path()));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void starterFailsEveryCriterion(int number) throws IOException {
        Compiled c = compiled(number);
        Milestone m = c.milestone();
        try (URLClassLoader loader = new StarterLoader(new URL[] {c.classes().toUri().toURL()})) {
            // Child JVMs (exit-clean, the crash harness) find the starter's classes before the reference's.
            String classpath = c.classes() + File.pathSeparator + System.getProperty("java.class.path");
            Subject.use(number == 1
                    ? Subject.ofStore("starter", Subject.reflectiveOpener(m.entry().openerClass(),
                            m.entry().openerMethod(), loader), m.entry().main(), c.classes().toString(), List.of(), 42)
                    : Subject.ofEngine("starter", Subject.Engine.reflective(m.entry().opener(), loader), classpath,
                            List.of(), 42));
            for (CriterionSpec spec : m.criteria()) {
                CriterionResult result = new CriterionRunner().run(m, spec);
                assertNotEquals(Status.PASSED, result.status(), spec.id() + " passes on the untouched starter");
            }
        }
    }

    /** Loads the starter's own classes first, but shares the api with the test, so the criteria can call it. */
    private static final class StarterLoader extends URLClassLoader {
        StarterLoader(URL[] urls) {
            super(urls, StarterTest.class.getClassLoader());
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (!name.startsWith("companion.database.")) {
                return super.loadClass(name, resolve);
            }
            synchronized (getClassLoadingLock(name)) {
                Class<?> loaded = findLoadedClass(name);
                return loaded != null ? loaded : findClass(name);
            }
        }
    }
}
