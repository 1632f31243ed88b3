package companion.app.cli;

import companion.course.catalog.Catalog;
import companion.course.catalog.Milestone;
import companion.course.scaffold.ScaffoldedFile;
import companion.course.scaffold.Starter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code companion scaffold -m N --out DIR}: writes a milestone's starter code as generated, with its share. */
@Command(name = "scaffold", description = "Write a milestone's starter code, generated from the reference.")
final class ScaffoldCommand implements Callable<Integer> {
    @Option(names = {"-m", "--milestone"}, required = true, paramLabel = "N", description = "The milestone.")
    int milestone;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Where to write src/main/java/...")
    Path out;

    @Override
    public Integer call() throws IOException {
        Milestone m = Catalog.load().milestone(milestone);
        Starter starter = Starter.of(m);
        for (ScaffoldedFile file : starter.all()) {
            Path target = out.resolve("src/main/java").resolve(file.path());
            Files.createDirectories(target.getParent());
            Files.writeString(target, file.text());
        }
        System.out.printf("Wrote %d files to %s/src/main/java%n", starter.all().size(), out);
        System.out.printf("scaffold share %.1f %% (target %.0f %%): %d of %d code lines given, %d for the learner%n",
                starter.share() * 100, m.scaffoldTarget() * 100,
                starter.files().stream().mapToInt(ScaffoldedFile::givenLines).sum(),
                starter.files().stream().mapToInt(ScaffoldedFile::referenceLines).sum(), starter.learnerLines());
        return 0;
    }
}
