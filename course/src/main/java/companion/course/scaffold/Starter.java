package companion.course.scaffold;

import companion.course.catalog.Milestone;
import java.util.ArrayList;
import java.util.List;

/**
 * A milestone's starter code: the api sources it needs, whole, and its reference files with the learner's regions
 * replaced. Paths are relative to {@code src/main/java}.
 *
 * <pre>{@code
 * Starter starter = Starter.of(catalog.milestone(1));
 * starter.files().forEach(f -> write(dir.resolve("src/main/java").resolve(f.path()), f.text()));
 * System.out.printf("%.0f %% given%n", starter.share() * 100);
 * }</pre>
 *
 * @param milestone the milestone
 * @param api       the api files, unchanged (the contracts are given, never written by the learner)
 * @param files     the milestone's own files, scaffolded
 */
public record Starter(Milestone milestone, List<ScaffoldedFile> api, List<ScaffoldedFile> files) {

    /** Generates milestone {@code milestone}'s starter from the reference sources. */
    public static Starter of(Milestone milestone) {
        if (!milestone.available()) {
            throw new IllegalArgumentException("milestone " + milestone.number() + " (" + milestone.title()
                    + ") is not yet available");
        }
        List<ScaffoldedFile> api = new ArrayList<>();
        for (String path : milestone.api()) {
            String text = ReferenceSources.read(path);
            api.add(new ScaffoldedFile(path, text, 0, 0));
        }
        List<ScaffoldedFile> files = new ArrayList<>();
        for (String path : milestone.sourcePaths()) {
            files.add(ScaffoldGenerator.generate(path, ReferenceSources.read(path), milestone.id()));
        }
        return new Starter(milestone, List.copyOf(api), List.copyOf(files));
    }

    /** Every file to write: api first, then the milestone's. */
    public List<ScaffoldedFile> all() {
        List<ScaffoldedFile> all = new ArrayList<>(api);
        all.addAll(files);
        return all;
    }

    /** Code lines given away / code lines of the milestone's reference files (api excluded: it is all given). */
    public double share() {
        int reference = files.stream().mapToInt(ScaffoldedFile::referenceLines).sum();
        int given = files.stream().mapToInt(ScaffoldedFile::givenLines).sum();
        return reference == 0 ? 1.0 : given / (double) reference;
    }

    /** Code lines the learner writes. */
    public int learnerLines() {
        return files.stream().mapToInt(ScaffoldedFile::learnerLines).sum();
    }
}
