package companion.app.workspace;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The learner's sources under {@code src/main/java}, read-only. A path from a request is resolved against that
 * directory and refused if it leads anywhere else (by {@code ..}, an absolute path, or a symbolic link).
 * The dashboard's source viewer and the AI tutor's context both read through it.
 */
public final class SourceFiles {
    private final Path root;

    public SourceFiles(Path sources) {
        this.root = sources.toAbsolutePath().normalize();
    }

    /** Every {@code .java} file, as a path relative to {@code src/main/java} with forward slashes, sorted. */
    public List<String> list() {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(p -> p.toString().endsWith(".java") && Files.isRegularFile(p))
                    .map(p -> root.relativize(p).toString().replace('\\', '/')).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + root, e);
        }
    }

    /**
     * The text of {@code relative}.
     *
     * @throws IllegalArgumentException when the path leaves {@code src/main/java}
     * @throws NoSuchFileException      when there is no such file
     */
    public String read(String relative) throws NoSuchFileException {
        Path file = resolve(relative);
        try {
            if (!Files.isRegularFile(file)) {
                throw new NoSuchFileException(relative);
            }
            Path real = file.toRealPath();
            if (!real.startsWith(root.toRealPath())) {
                throw new IllegalArgumentException("path '" + relative + "' leads outside src/main/java");
            }
            return Files.readString(real, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw e;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + relative, e);
        }
    }

    private Path resolve(String relative) {
        if (relative == null || relative.isBlank() || relative.startsWith("/") || relative.contains("\\")
                || relative.contains("\0")) {
            throw new IllegalArgumentException("not a path inside src/main/java: '" + relative + "'");
        }
        Path file = root.resolve(relative).normalize();
        if (!file.startsWith(root)) {
            throw new IllegalArgumentException("path '" + relative + "' leads outside src/main/java");
        }
        return file;
    }
}
