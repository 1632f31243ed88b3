package companion.course.guidance;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import companion.course.catalog.Catalog;
import companion.course.catalog.CriterionSpec;
import companion.course.catalog.Milestone;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;

/**
 * Every hint ladder of the course, read from {@code companion/course/hints/} beside the catalog: {@code mN.json}
 * per milestone and the shared {@code rules.json}.
 *
 * <pre>{@code
 * HintBook book = HintBook.load();
 * Hint hint = book.hint("put-and-get", 3, Failure.of(result));   // level 3 reads this failure
 * System.out.println(hint.heading() + "\n" + hint.text());
 * }</pre>
 *
 * The files are data a course author edits; {@link #problems} lists what is wrong with them (a criterion without a
 * ladder, a ladder for no criterion, a lesson section that does not exist) and the build fails on any.
 */
public final class HintBook {
    private static final String ROOT = "/companion/course/hints/";
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);

    /** A milestone's hint file: the JSON document's shape. */
    private record MilestoneHints(String milestone, List<Ladder> ladders) {
    }

    /**
     * The shared rules file: {@code first} are tried before a ladder's own rules (they explain a failure whatever the
     * criterion: a TODO not written, a timeout, a System.exit), {@code last} after them (generic readings of an
     * exception, for when no criterion-specific rule knew better).
     */
    private record SharedRules(List<Rule> first, List<Rule> last) {
        SharedRules {
            first = first == null ? List.of() : List.copyOf(first);
            last = last == null ? List.of() : List.copyOf(last);
        }
    }

    private final Catalog catalog;
    /** Ladders by milestone id, as the files have them (unknown criteria included, for {@link #problems}). */
    private final Map<String, List<Ladder>> files;
    private final SharedRules shared;

    private HintBook(Catalog catalog, Map<String, List<Ladder>> files, SharedRules shared) {
        this.catalog = catalog;
        this.files = files;
        this.shared = shared;
    }

    /** The hints of the course's own catalog, read once. */
    public static HintBook load() {
        return Loaded.BOOK;
    }

    /** Holder: read on first use, by class initialisation, exactly once. */
    private static final class Loaded {
        static final HintBook BOOK = load(Catalog.load());
    }

    /** The hints for {@code catalog}'s milestones; a milestone without a file has no ladders (see {@link #problems}). */
    public static HintBook load(Catalog catalog) {
        Map<String, List<Ladder>> files = new LinkedHashMap<>();
        for (Milestone m : catalog.milestones()) {
            read(m.id() + ".json", MilestoneHints.class).ifPresent(h -> files.put(m.id(),
                    h.ladders() == null ? List.of() : List.copyOf(h.ladders())));
        }
        SharedRules rules = read("rules.json", SharedRules.class).orElseThrow(() -> new IllegalStateException(
                "the shared hint rules " + ROOT + "rules.json are missing from the classpath"));
        return new HintBook(catalog, files, rules);
    }

    private static <T> Optional<T> read(String name, Class<T> type) {
        try (InputStream in = HintBook.class.getResourceAsStream(ROOT + name)) {
            return in == null ? Optional.empty() : Optional.of(JSON.readValue(in, type));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the hints " + ROOT + name + ": " + e.getMessage(), e);
        }
    }

    /** The ladder of {@code criterion}, if its milestone's file has one. */
    public Optional<Ladder> ladder(String criterion) {
        return files.values().stream().flatMap(List::stream).filter(l -> l.criterion().equals(criterion)).findFirst();
    }

    /**
     * The hint at {@code level} for {@code criterion}; level 3 reads {@code failure} when there is one.
     *
     * @throws IllegalArgumentException for an unknown criterion or a level outside 1..4
     */
    public Hint hint(String criterion, int level, Optional<Failure> failure) {
        Milestone milestone = catalog.milestoneOf(criterion);
        HintLevel rung = HintLevel.of(level);
        Ladder ladder = ladder(criterion).orElseThrow(() -> new IllegalStateException("criterion " + criterion
                + " has no hint ladder in " + ROOT + milestone.id() + ".json (a build problem, not yours)"));
        String text;
        String rule = null;
        if (rung == HintLevel.DIAGNOSIS) {
            Diagnosis.Written written = Diagnosis.write(ladder, failure, shared.first(), shared.last());
            text = written.text();
            rule = written.rule();
        } else if (rung == HintLevel.POINTER) {
            text = ladder.pointer() + "\nRead: LESSON.md, section “" + ladder.lesson() + "”.";
        } else {
            text = ladder.rung(rung);
        }
        return new Hint(criterion, milestone.number(), level, HintLevel.COUNT, rung.word(), text, ladder.lesson(),
                rule);
    }

    /** Every problem with the hint files for the catalog; empty when they are complete. */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        Set<String> ruleIds = new HashSet<>();
        for (Rule rule : concat(shared.first(), shared.last())) {
            checkRule("rules.json", rule, ruleIds, problems);
        }
        for (Milestone m : catalog.milestones()) {
            String file = m.id() + ".json";
            List<Ladder> ladders = files.getOrDefault(m.id(), List.of());
            if (!m.criteria().isEmpty() && !files.containsKey(m.id())) {
                problems.add(m.id() + " has " + m.criteria().size() + " criteria but no " + ROOT + file);
            }
            Set<String> seen = new HashSet<>();
            for (Ladder ladder : ladders) {
                checkLadder(m, file, ladder, seen, problems);
            }
            for (CriterionSpec spec : m.criteria()) {
                if (!seen.contains(spec.id())) {
                    problems.add(file + ": criterion " + spec.id() + " (" + m.id() + ") has no hint ladder");
                }
            }
        }
        return problems;
    }

    private void checkLadder(Milestone m, String file, Ladder ladder, Set<String> seen, List<String> problems) {
        String id = ladder.criterion();
        if (m.criterion(id).isEmpty()) {
            problems.add(file + ": a ladder names " + id + ", which is no criterion of " + m.id());
        }
        if (!seen.add(id)) {
            problems.add(file + ": two ladders for " + id);
        }
        for (HintLevel level : HintLevel.values()) {
            String text = ladder.rung(level);
            if (text == null || text.isBlank()) {
                problems.add(file + ": " + id + " has no level " + level.number() + " (" + level.word() + ")");
            } else {
                checkPlaceholders(file + ": " + id + " " + level.word(), text, problems);
            }
        }
        if (ladder.lesson() == null || lessonHeadings(m).stream().noneMatch(ladder.lesson()::equals)) {
            problems.add(file + ": " + id + " points at lesson section \"" + ladder.lesson() + "\", which is no"
                    + " heading of " + m.id() + "/LESSON.md");
        }
        Set<String> ruleIds = new HashSet<>();
        ladder.rules().forEach(rule -> checkRule(file + ": " + id, rule, ruleIds, problems));
    }

    private static void checkRule(String where, Rule rule, Set<String> ids, List<String> problems) {
        if (!ids.add(rule.id())) {
            problems.add(where + ": two rules named " + rule.id());
        }
        checkPlaceholders(where + " rule " + rule.id(), rule.text(), problems);
    }

    private static void checkPlaceholders(String where, String text, List<String> problems) {
        Matcher m = Diagnosis.PLACEHOLDER.matcher(text);
        while (m.find()) {
            if (!Diagnosis.PLACEHOLDERS.contains(m.group(1))) {
                problems.add(where + ": unknown placeholder " + m.group() + " (known: " + Diagnosis.PLACEHOLDERS + ")");
            }
        }
    }

    private static List<Rule> concat(List<Rule> a, List<Rule> b) {
        List<Rule> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private List<String> lessonHeadings(Milestone m) {
        try {
            return LessonSections.headings(catalog.lesson(m));
        } catch (IllegalArgumentException noLesson) {
            return List.of();
        }
    }
}
