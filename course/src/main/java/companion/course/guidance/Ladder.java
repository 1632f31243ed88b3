package companion.course.guidance;

import java.util.List;

/**
 * One criterion's hint ladder, as written in {@code companion/course/hints/mN.json}.
 *
 * <pre>{@code
 * { "criterion": "persistence-reload", "lesson": "Step 5: replay on open (`KVStore.java`)",
 *   "concept":   "A new store object starts empty. Where does the data of the last run live?",
 *   "pointer":   "KVStore.open calls replay: ...",
 *   "diagnosis": "The reopened store did not answer with what the first one wrote: ...",
 *   "sketch":    "replay(file):\n  for each record in the file, from offset 0: ...",
 *   "rules":     [ ... ] }
 * }</pre>
 *
 * @param criterion the criterion id of the catalog
 * @param lesson    the heading of the lesson section that explains it, exactly as the lesson writes it
 * @param concept   level 1
 * @param pointer   level 2 (the lesson section is added to it when shown)
 * @param diagnosis level 3 when no rule matches the failure, or when there is no failure to read
 * @param sketch    level 4: pseudocode, never Java of the reference solution
 * @param rules     rules of this criterion, tried before the shared ones; may be empty
 */
public record Ladder(String criterion, String lesson, String concept, String pointer, String diagnosis,
                     String sketch, List<Rule> rules) {
    public Ladder {
        rules = rules == null ? List.of() : List.copyOf(rules);
    }

    /** The text of rung {@code level} as written (level 3 and 2 are completed by {@link HintBook}). */
    public String rung(HintLevel level) {
        return switch (level) {
            case CONCEPT -> concept;
            case POINTER -> pointer;
            case DIAGNOSIS -> diagnosis;
            case SKETCH -> sketch;
        };
    }
}
