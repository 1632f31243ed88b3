package companion.course.guidance;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The sections of a lesson (Markdown): a section is a heading ({@code ##} or {@code ###}) and the text up to the
 * next heading of the same or a higher level. Hints point at sections by their heading text, and the tutor sends
 * the one section a criterion needs rather than the whole lesson.
 */
public final class LessonSections {
    private LessonSections() {
    }

    /** The heading texts of {@code markdown}, without the {@code #} marks, in order (fenced code skipped). */
    public static List<String> headings(String markdown) {
        List<String> headings = new ArrayList<>();
        boolean fenced = false;
        for (String line : markdown.split("\n", -1)) {
            if (line.startsWith("```")) {
                fenced = !fenced;
            } else if (!fenced && level(line) > 0) {
                headings.add(line.substring(level(line)).strip());
            }
        }
        return headings;
    }

    /** The section under {@code heading}, heading line included; empty when the lesson has no such heading. */
    public static Optional<String> section(String markdown, String heading) {
        String[] lines = markdown.split("\n", -1);
        boolean fenced = false;
        int start = -1;
        int startLevel = 0;
        StringBuilder text = new StringBuilder();
        for (String line : lines) {
            if (line.startsWith("```")) {
                fenced = !fenced;
            }
            int level = fenced || line.startsWith("```") ? 0 : level(line);
            if (start < 0) {
                if (level > 0 && line.substring(level).strip().equals(heading)) {
                    start = 0;
                    startLevel = level;
                    text.append(line).append('\n');
                }
            } else if (level > 0 && level <= startLevel) {
                break;
            } else {
                text.append(line).append('\n');
            }
        }
        return start < 0 ? Optional.empty() : Optional.of(text.toString().strip());
    }

    /** 1..6 for a Markdown heading line ("## Steps" is 2), else 0. */
    private static int level(String line) {
        int n = 0;
        while (n < line.length() && line.charAt(n) == '#') {
            n++;
        }
        return n > 0 && n <= 6 && n < line.length() && line.charAt(n) == ' ' ? n : 0;
    }
}
