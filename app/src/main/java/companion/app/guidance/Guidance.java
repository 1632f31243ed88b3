package companion.app.guidance;

import com.fasterxml.jackson.databind.JsonNode;
import companion.app.workspace.Workspace;
import companion.course.catalog.Catalog;
import companion.course.guidance.Failure;
import companion.course.guidance.Hint;
import companion.course.guidance.HintBook;
import companion.course.guidance.Unlocking;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The offline hints of one workspace: which level of a criterion's ladder the learner may see now, and the record
 * of each hint shown, as a history line:
 *
 * <pre>{@code {"time": "2025-05-01T10:00:00Z", "kind": "hint", "milestone": 1, "criterion": "put-and-get",
 *  "level": 1, "rule": null}}</pre>
 *
 * <pre>{@code
 * Guidance guidance = new Guidance(ws, Catalog.load(), HintBook.load(), Clock.systemUTC());
 * Guidance.Shown shown = guidance.next("put-and-get");   // level 1 the first time; records it
 * }</pre>
 */
public final class Guidance {
    private final Workspace ws;
    private final Catalog catalog;
    private final HintBook book;
    private final Clock clock;

    public Guidance(Workspace ws, Catalog catalog, HintBook book, Clock clock) {
        this.ws = ws;
        this.catalog = catalog;
        this.book = book;
        this.clock = clock;
    }

    /**
     * A hint as shown, with what unlocks the next one.
     *
     * @param hint     the hint
     * @param advanced true when it is a deeper level than any shown before for this criterion
     * @param next     one sentence: when the next level unlocks (or that this is the last)
     */
    public record Shown(Hint hint, boolean advanced, String next) {
        /** The JSON document of {@code companion hint --json} and the dashboard's {@code POST /api/hints/{id}}. */
        public Map<String, Object> document() {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("criterion", hint.criterion());
            doc.put("milestone", hint.milestone());
            doc.put("level", hint.level());
            doc.put("levels", hint.levels());
            doc.put("kind", hint.kind());
            doc.put("hint", hint.text());
            doc.put("lesson", hint.lesson());
            doc.put("rule", hint.rule());
            doc.put("advanced", advanced);
            doc.put("next", next);
            return doc;
        }
    }

    /** What the history says about one criterion. */
    private record Record(int shown, Instant shownAt, Instant lastFailedRun, JsonNode latest, Long seed) {
    }

    /**
     * The next hint for {@code criterion} (see {@link Unlocking}), recorded in the history.
     *
     * @throws IllegalArgumentException for an unknown criterion, or one of a milestone not unlocked yet
     */
    public Shown next(String criterion) {
        Shown shown = show(criterion, true);
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("time", clock.instant().toString());
        line.put("kind", "hint");
        line.put("milestone", shown.hint().milestone());
        line.put("criterion", criterion);
        line.put("level", shown.hint().level());
        line.put("rule", shown.hint().rule());
        ws.history().append(line);
        return shown;
    }

    /** The deepest hint already shown for {@code criterion} (level 1 if none), without recording anything. */
    public Shown current(String criterion) {
        return show(criterion, false);
    }

    /** Every level shown so far for {@code criterion}, shallowest first, re-read against its latest failure. */
    public List<Hint> shownSoFar(String criterion) {
        Record r = record(criterion);
        List<Hint> hints = new ArrayList<>();
        for (int level = 1; level <= r.shown(); level++) {
            hints.add(book.hint(criterion, level, failure(r)));
        }
        return hints;
    }

    private Shown show(String criterion, boolean advance) {
        checkUnlocked(criterion);
        Record r = record(criterion);
        Instant now = clock.instant();
        Unlocking.Step unlock = Unlocking.next(r.shown(), r.shownAt(), r.lastFailedRun(), now);
        // Without advancing, stay on the deepest level shown (level 1 before any), and say whether the next is open.
        Unlocking.Step step = advance ? unlock : new Unlocking.Step(Math.max(1, r.shown()), false,
                unlock.advanced() ? Duration.ZERO : unlock.waitLeft());
        Hint hint = book.hint(criterion, step.level(), failure(r));
        return new Shown(hint, step.advanced(), nextSentence(criterion, step));
    }

    private static String nextSentence(String criterion, Unlocking.Step step) {
        if (step.top()) {
            return "This is the last level: the rest is yours to write. The lesson section and the repro command"
                    + " are your best friends now.";
        }
        long minutes = Math.max(1, (step.waitLeft().toSeconds() + 59) / 60);
        return "Hint " + (step.level() + 1) + " unlocks after another failed run of " + criterion
                + " (companion test), or in " + (step.waitLeft().isZero() ? "no time: ask again" : minutes + " min")
                + ".";
    }

    /** The criterion {@code companion hint} means without an argument: the first that failed in the latest run. */
    public Optional<String> firstFailing() {
        List<JsonNode> entries = ws.history().entries();
        for (int i = entries.size() - 1; i >= 0; i--) {
            JsonNode entry = entries.get(i);
            if ("test".equals(entry.path("kind").asText())) {
                for (JsonNode c : entry.path("criteria")) {
                    if (!"passed".equals(c.path("status").asText())) {
                        return Optional.of(c.path("id").asText());
                    }
                }
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    /** True when {@code criterion} passed the last time it ran. */
    public boolean passedLastRun(String criterion) {
        JsonNode latest = record(criterion).latest();
        return latest != null && "passed".equals(latest.path("status").asText());
    }

    /** Its latest failure, if it failed the last time it ran. */
    public Optional<Failure> latestFailure(String criterion) {
        return failure(record(criterion));
    }

    /** The command that repeats its latest run, if it has run. */
    public Optional<String> repro(String criterion) {
        Long seed = record(criterion).seed();
        return seed == null ? Optional.empty() : Optional.of("companion test --only " + criterion + " --seed " + seed);
    }

    private static Optional<Failure> failure(Record r) {
        return r.latest() == null ? Optional.empty() : Failure.of(r.latest());
    }

    private Record record(String criterion) {
        int shown = 0;
        Instant shownAt = null;
        Instant lastFailed = null;
        JsonNode latest = null;
        Long seed = null;
        for (JsonNode entry : ws.history().entries()) {
            String kind = entry.path("kind").asText();
            if (kind.equals("hint") && criterion.equals(entry.path("criterion").asText())) {
                int level = entry.path("level").asInt();
                if (level >= shown) {
                    shown = level;
                    shownAt = Instant.parse(entry.path("time").asText());
                }
            } else if (kind.equals("test")) {
                for (JsonNode c : entry.path("criteria")) {
                    if (criterion.equals(c.path("id").asText())) {
                        latest = c;
                        seed = entry.path("seed").asLong();
                        if (!"passed".equals(c.path("status").asText())) {
                            lastFailed = Instant.parse(entry.path("time").asText());
                        }
                    }
                }
            }
        }
        return new Record(shown, shownAt, lastFailed, latest, seed);
    }

    private void checkUnlocked(String criterion) {
        int milestone = catalog.milestoneOf(criterion).number();
        if (!ws.state().unlocked().contains(milestone)) {
            throw new IllegalArgumentException("criterion " + criterion + " belongs to milestone " + milestone
                    + ", which this workspace has not unlocked yet");
        }
    }
}
