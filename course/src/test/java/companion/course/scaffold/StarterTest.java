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
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The generated starter compiles, fails every criterion its milestone introduces, and gives away ~80 %. */
class StarterTest {
    private static final Milestone M1 = Catalog.load().milestone(1);

    @TempDir
    static Path dir;
    static Starter starter;
    static Path classes;

    @BeforeAll
    static void generateAndCompile() throws IOException {
        starter = Starter.of(M1);
        Path src = dir.resolve("src/main/java");
        for (ScaffoldedFile file : starter.all()) {
            Path path = src.resolve(file.path());
            Files.createDirectories(path.getParent());
            Files.writeString(path, file.text());
        }
        classes = dir.resolve("classes");
        List<CompileError> errors = SourceCompiler.compile(src, classes, List.of(), dir);
        assertEquals(List.of(), errors, "the starter must compile");
    }

    @Test
    void shareIsNearTheTarget() {
        double share = starter.share();
        assertTrue(Math.abs(share - M1.scaffoldTarget()) <= 0.05, String.format(
                "scaffold share %.1f %% is not within 5 points of the %.0f %% target (%d learner lines)",
                share * 100, M1.scaffoldTarget() * 100, starter.learnerLines()));
    }

    @Test
    void everyRegionBecomesATodo() {
        String kv = starter.files().stream().filter(f -> f.path().endsWith("KVStore.java")).findFirst()
                .orElseThrow().text();
        assertTrue(kv.contains("// TODO(m1): "), kv);
        assertTrue(!kv.contains("@scaffold-"), "markers must not reach the learner");
    }

    @Test
    void starterFailsEveryCriterion() throws IOException {
        try (URLClassLoader loader = new StarterLoader(new URL[] {classes.toUri().toURL()})) {
            Subject.use(new Subject("starter", Subject.reflectiveOpener(M1.entry().openerClass(),
                    M1.entry().openerMethod(), loader), M1.entry().main(), classes.toString(), List.of(), 42));
            for (CriterionSpec spec : M1.criteria()) {
                CriterionResult result = new CriterionRunner().run(M1, spec);
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
