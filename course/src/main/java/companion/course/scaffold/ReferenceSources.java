package companion.course.scaffold;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The reference database's and the api's sources, shipped inside the course jar under
 * {@code companion/course/reference/} (the course module's build copies them there).
 */
public final class ReferenceSources {
    private static final String ROOT = "/companion/course/reference/";

    private ReferenceSources() {
    }

    /**
     * The text of {@code path}, relative to {@code src/main/java}, e.g. {@code companion/database/kv/KVStore.java}.
     *
     * @throws IllegalStateException when the jar does not hold it (a build problem, not a learner's)
     */
    public static String read(String path) {
        try (InputStream in = ReferenceSources.class.getResourceAsStream(ROOT + path)) {
            if (in == null) {
                throw new IllegalStateException("reference source " + path + " is missing from the course jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read reference source " + path, e);
        }
    }
}
