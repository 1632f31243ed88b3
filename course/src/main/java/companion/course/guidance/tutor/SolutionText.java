package companion.course.guidance.tutor;

import companion.course.scaffold.ReferenceSources;
import companion.course.scaffold.ScaffoldGenerator;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The reference solution of one milestone, as something to compare text against: the code lines a learner writes
 * (the bodies of the milestone's {@code @scaffold-begin} regions, see docs/scaffold-markers.md), cut into
 * overlapping runs of {@link #SHINGLE} tokens.
 *
 * <p>A region's body is found without parsing markers a second time: it is what the solution has and the
 * milestone's starter lacks, line by line ({@link ScaffoldGenerator#solution} against {@link
 * ScaffoldGenerator#generate}). Tokens are Java-ish: identifiers, numbers and single punctuation characters, so
 * whitespace and line breaks never hide a copy. Twelve tokens is about one line of real code
 * ({@code return Optional.ofNullable(map.get(key));} is 13): a tutor may name a method, but not recite a line.
 */
public final class SolutionText {
    /** How many consecutive tokens count as a copy. */
    public static final int SHINGLE = 12;
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z_$][\\w$]*|\\d+|[^\\s\\w]");
    private static final String ROOT = "/companion/course/reference/";

    private final Set<String> shingles;

    private SolutionText(Set<String> shingles) {
        this.shingles = Set.copyOf(shingles);
    }

    /**
     * The solution of milestone {@code milestoneId} ({@code m1}..{@code m5}), from the reference in the course jar.
     * Runs of tokens the learner is given anyway (the starter's code, the lesson's examples) are left out: a tutor
     * quoting them gives nothing away, and counting them would reject harmless replies such as a common
     * catch-and-rethrow idiom the starter has too.
     */
    public static SolutionText of(String milestoneId) {
        List<String> lines = new ArrayList<>();
        Set<String> given = new HashSet<>();
        for (String path : referencePaths()) {
            String source = ReferenceSources.read(path);
            if (source.contains("@scaffold-begin " + milestoneId + ":")) {
                lines.addAll(learnerLines(path, source, milestoneId));
                given.addAll(shingles(ScaffoldGenerator.generate(path, source, milestoneId).text()));
            }
        }
        given.addAll(shingles(lesson(milestoneId)));
        Set<String> solution = shingles(String.join("\n", lines));
        solution.removeAll(given);
        return new SolutionText(solution);
    }

    /** A solution made of {@code code} itself (tests). */
    public static SolutionText ofCode(String code) {
        return new SolutionText(shingles(code));
    }

    private static Set<String> shingles(String text) {
        Set<String> shingles = new HashSet<>();
        List<String> tokens = tokens(text);
        for (int i = 0; i + SHINGLE <= tokens.size(); i++) {
            shingles.add(String.join(" ", tokens.subList(i, i + SHINGLE)));
        }
        return shingles;
    }

    /** The milestone's lesson, or nothing when it has none yet. */
    private static String lesson(String milestoneId) {
        try (InputStream in = SolutionText.class.getResourceAsStream("/companion/course/" + milestoneId
                + "/LESSON.md")) {
            return in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the lesson of " + milestoneId, e);
        }
    }

    /** True when no text can overlap it (a milestone without regions). */
    public boolean isEmpty() {
        return shingles.isEmpty();
    }

    /** The first run of {@link #SHINGLE} tokens {@code text} shares with the solution, if any. */
    public Optional<String> overlap(String text) {
        List<String> tokens = tokens(text);
        for (int i = 0; i + SHINGLE <= tokens.size(); i++) {
            String run = String.join(" ", tokens.subList(i, i + SHINGLE));
            if (shingles.contains(run)) {
                return Optional.of(run);
            }
        }
        return Optional.empty();
    }

    static List<String> tokens(String text) {
        List<String> tokens = new ArrayList<>();
        Matcher m = TOKEN.matcher(text);
        while (m.find()) {
            tokens.add(m.group());
        }
        return tokens;
    }

    /** Lines of the solution that the starter does not have: the regions' code, in order. */
    static List<String> learnerLines(String path, String source, String milestoneId) {
        String solution = ScaffoldGenerator.solution(path, source).text();
        Map<String, Integer> starter = new HashMap<>();
        for (String line : ScaffoldGenerator.generate(path, source, milestoneId).text().split("\n")) {
            starter.merge(line.strip(), 1, Integer::sum);
        }
        List<String> lines = new ArrayList<>();
        for (String line : solution.split("\n")) {
            String key = line.strip();
            int left = starter.getOrDefault(key, 0);
            if (left > 0) {
                starter.put(key, left - 1);
            } else if (!key.isEmpty() && !key.startsWith("//")) {
                lines.add(key);
            }
        }
        return lines;
    }

    /** Every reference source path in the course jar (or classes directory), relative to {@code src/main/java}. */
    static List<String> referencePaths() {
        URL url = SolutionText.class.getResource(ROOT + "companion");
        if (url == null) {
            throw new IllegalStateException("the reference sources " + ROOT + " are missing from the course jar");
        }
        try {
            URI uri = url.toURI();
            if (!uri.getScheme().equals("jar")) {
                return list(Path.of(uri).getParent());
            }
            // Inside companion.jar: open the jar as a file system, unless another part of the JVM already has.
            FileSystem jar;
            boolean ours = true;
            try {
                jar = FileSystems.newFileSystem(uri, Map.of());
            } catch (FileSystemAlreadyExistsException e) {
                jar = FileSystems.getFileSystem(uri);
                ours = false;
            }
            try {
                return list(jar.getPath(ROOT));
            } finally {
                if (ours) {
                    jar.close();
                }
            }
        } catch (URISyntaxException | IOException e) {
            throw new IllegalStateException("cannot list the reference sources at " + url + ": " + e.getMessage(), e);
        }
    }

    private static List<String> list(Path root) {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(p -> p.toString().endsWith(".java")).map(p -> root.relativize(p).toString()
                    .replace('\\', '/')).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + root, e);
        }
    }
}
