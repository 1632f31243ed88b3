package companion.course.catalog;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The course's milestones, read once from {@code companion/course/milestones.json} on the classpath.
 *
 * <pre>{@code
 * Milestone m1 = Catalog.load().milestone(1);
 * m1.criteria().forEach(c -> System.out.println(c.id()));
 * }</pre>
 */
public final class Catalog {
    private static final String RESOURCE = "/companion/course/milestones.json";

    private final List<Milestone> milestones;

    private Catalog(List<Milestone> milestones) {
        this.milestones = List.copyOf(milestones);
        for (int i = 0; i < milestones.size(); i++) {
            if (milestones.get(i).number() != i + 1) {
                throw new IllegalStateException("milestones.json: milestone at index " + i + " has number "
                        + milestones.get(i).number() + ", expected " + (i + 1));
            }
        }
    }

    /** Parsed catalog file: the JSON document's shape. */
    private record Document(List<Milestone> milestones) {
    }

    /** The catalog: read from the classpath once, then shared (it is immutable). */
    public static Catalog load() {
        return Loaded.CATALOG;
    }

    /** Holder: the catalog is parsed on first use, by the JVM's class initialisation, exactly once. */
    private static final class Loaded {
        static final Catalog CATALOG = read();
    }

    private static Catalog read() {
        try (InputStream in = Catalog.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the course catalog " + RESOURCE + " is missing from the classpath");
            }
            ObjectMapper json = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);
            return new Catalog(json.readValue(in, Document.class).milestones());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the course catalog " + RESOURCE, e);
        }
    }

    /** All five milestones, in order. */
    public List<Milestone> milestones() {
        return milestones;
    }

    /**
     * Milestone {@code number} (1..5).
     *
     * @throws IllegalArgumentException naming the number when there is no such milestone
     */
    public Milestone milestone(int number) {
        if (number < 1 || number > milestones.size()) {
            throw new IllegalArgumentException("no milestone " + number + ": the course has milestones 1 to "
                    + milestones.size());
        }
        return milestones.get(number - 1);
    }

    /**
     * The lesson of {@code milestone}, as Markdown ({@code companion/course/mN/LESSON.md}).
     *
     * @throws IllegalArgumentException when the milestone has no lesson yet (it is not available)
     */
    public String lesson(Milestone milestone) {
        String resource = "/companion/course/" + milestone.id() + "/LESSON.md";
        try (InputStream in = Catalog.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("milestone " + milestone.number() + " (" + milestone.title()
                        + ") has no lesson yet: it is not available in this version");
            }
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }

    /** The milestone that defines criterion {@code criterionId}. */
    public Milestone milestoneOf(String criterionId) {
        return milestones.stream().filter(m -> m.criterion(criterionId).isPresent()).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no criterion '" + criterionId + "' in the course"));
    }
}
