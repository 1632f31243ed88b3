package companion.course.guidance;

import java.util.Locale;

/** The four rungs of a hint ladder, from the gentlest nudge to the most concrete help. */
public enum HintLevel {
    /** A question about the idea the criterion checks. */
    CONCEPT,
    /** Which component to look at and which lesson section explains it. */
    POINTER,
    /** What went wrong in this very failure, and what that usually means. */
    DIAGNOSIS,
    /** Pseudocode of the shape of the answer; never the reference solution itself. */
    SKETCH;

    /** How many levels a ladder has. */
    public static final int COUNT = values().length;

    /** Level {@code number}, 1..4. */
    public static HintLevel of(int number) {
        if (number < 1 || number > COUNT) {
            throw new IllegalArgumentException("no hint level " + number + ": levels are 1 to " + COUNT);
        }
        return values()[number - 1];
    }

    /** 1..4. */
    public int number() {
        return ordinal() + 1;
    }

    /** The lower-case word used in JSON and in the CLI: concept, pointer, diagnosis, sketch. */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }
}
