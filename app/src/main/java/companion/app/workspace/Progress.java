package companion.app.workspace;

import com.fasterxml.jackson.databind.JsonNode;
import companion.course.catalog.CriterionSpec;
import companion.course.catalog.Milestone;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where the learner stands, read from the history: the latest status of every criterion that has run, and the
 * hints shown ({@code "kind": "hint"} lines, see {@code companion.app.guidance.Guidance}).
 * A milestone is passed when each of its criteria passed the last time it ran.
 */
public final class Progress {
    private final Map<String, String> latest = new HashMap<>();
    /** The deepest hint level shown for each criterion, 1..4. */
    private final Map<String, Integer> hintLevels = new TreeMap<>();

    private Progress() {
    }

    /** Progress as the workspace's history records it. */
    public static Progress of(Workspace ws) {
        Progress progress = new Progress();
        for (JsonNode entry : ws.history().entries()) {
            if ("hint".equals(entry.path("kind").asText())) {
                progress.hintLevels.merge(entry.path("criterion").asText(), entry.path("level").asInt(), Math::max);
            }
            if (!"test".equals(entry.path("kind").asText())) {
                continue;
            }
            for (JsonNode criterion : entry.path("criteria")) {
                progress.latest.put(criterion.path("id").asText(), criterion.path("status").asText());
            }
        }
        return progress;
    }

    /** How many of the milestone's criteria passed the last time they ran. */
    public int passing(Milestone milestone) {
        return (int) milestone.criteria().stream().map(CriterionSpec::id)
                .filter(id -> "passed".equals(latest.get(id))).count();
    }

    /** True when every criterion of the milestone passed the last time it ran. */
    public boolean passed(Milestone milestone) {
        return !milestone.criteria().isEmpty() && passing(milestone) == milestone.criteria().size();
    }

    /** True when no criterion of the milestone has run yet. */
    public boolean untested(Milestone milestone) {
        return milestone.criteria().stream().noneMatch(c -> latest.containsKey(c.id()));
    }

    /** The deepest hint level shown for each criterion that had a hint, by criterion id (sorted). */
    public Map<String, Integer> hintLevels() {
        return java.util.Collections.unmodifiableMap(hintLevels);
    }

    /** How many hints the milestone's criteria used: each level of each ladder counts once. */
    public int hintsUsed(Milestone milestone) {
        return milestone.criteria().stream().mapToInt(c -> hintLevels.getOrDefault(c.id(), 0)).sum();
    }
}
