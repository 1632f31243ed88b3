package companion.course.scaffold;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces a milestone's marked regions in one source file with a TODO and the region's default lines.
 *
 * <pre>
 *   region  := begin body default* end
 *   begin   := indent "// @scaffold-begin " milestone ": " description
 *   default := indent "// @scaffold-default " javaLine          (uncommented into the starter)
 *   end     := indent "// @scaffold-end"
 * </pre>
 *
 * Regions of other milestones keep their reference code; only their marker lines are dropped. Regions do not nest.
 */
public final class ScaffoldGenerator {
    private static final Pattern BEGIN = Pattern.compile("^(\\s*)// @scaffold-begin (m[1-5]): (.+)$");
    private static final Pattern DEFAULT = Pattern.compile("^\\s*// @scaffold-default (.*)$");
    private static final Pattern END = Pattern.compile("^\\s*// @scaffold-end\\s*$");
    private static final Pattern ANY_MARKER = Pattern.compile("^\\s*// @scaffold-\\S*");

    private ScaffoldGenerator() {
    }

    /**
     * The starter version of {@code source} for milestone {@code milestoneId}.
     *
     * @param path where the file lives, for error messages and the result
     * @throws IllegalArgumentException naming the file and line of a malformed marker
     */
    public static ScaffoldedFile generate(String path, String source, String milestoneId) {
        List<String> out = new ArrayList<>();
        String[] lines = source.split("\n", -1);
        int referenceLines = 0;
        int learnerLines = 0;
        Region region = null;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            Matcher begin = BEGIN.matcher(line);
            Matcher fallback = DEFAULT.matcher(line);
            if (begin.matches()) {
                if (region != null) {
                    throw malformed(path, i, "a region begins inside the region that began at line " + region.line);
                }
                region = new Region(i + 1, begin.group(1), begin.group(2), begin.group(3));
            } else if (fallback.matches()) {
                if (region == null) {
                    throw malformed(path, i, "@scaffold-default outside a region");
                }
                region.defaults.add(fallback.group(1));
            } else if (END.matcher(line).matches()) {
                if (region == null) {
                    throw malformed(path, i, "@scaffold-end without a @scaffold-begin");
                }
                out.addAll(region.render(milestoneId));
                region = null;
            } else if (ANY_MARKER.matcher(line).lookingAt()) {
                throw malformed(path, i, "unknown or malformed marker (expected @scaffold-begin mN: text,"
                        + " @scaffold-default, @scaffold-end)");
            } else {
                boolean code = isCode(line);
                referenceLines += code ? 1 : 0;
                if (region == null) {
                    out.add(line);
                } else {
                    region.body.add(line);
                    learnerLines += code && region.milestone.equals(milestoneId) ? 1 : 0;
                }
            }
        }
        if (region != null) {
            throw malformed(path, lines.length - 1, "the region that began at line " + region.line + " never ends");
        }
        return new ScaffoldedFile(path, String.join("\n", out), referenceLines, learnerLines);
    }

    /**
     * The reference code of {@code source} with every marker removed: the solution, as a learner who filled in
     * every region correctly would have it. The self-check runs it through the learner's path.
     */
    public static ScaffoldedFile solution(String path, String source) {
        return generate(path, source, "none");
    }

    /** True for a line that is neither blank nor only a comment. */
    static boolean isCode(String line) {
        String t = line.strip();
        return !t.isEmpty() && !t.startsWith("//") && !t.startsWith("/*") && !t.startsWith("*");
    }

    private static IllegalArgumentException malformed(String path, int index, String what) {
        return new IllegalArgumentException(path + ":" + (index + 1) + ": " + what);
    }

    /** A region being read. */
    private static final class Region {
        final int line;
        final String indent;
        final String milestone;
        final String description;
        final List<String> body = new ArrayList<>();
        final List<String> defaults = new ArrayList<>();

        Region(int line, String indent, String milestone, String description) {
            this.line = line;
            this.indent = indent;
            this.milestone = milestone;
            this.description = description;
        }

        /** The TODO and defaults for the target milestone; the reference code for any other. */
        List<String> render(String target) {
            if (!milestone.equals(target)) {
                return body;
            }
            List<String> lines = new ArrayList<>();
            lines.add(indent + "// TODO(" + milestone + "): " + description);
            defaults.forEach(d -> lines.add(indent + d));
            return lines;
        }
    }
}
