package companion.course.runner;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** How a criterion ended. In JSON, the lower-case word. */
public enum Status {
    /** Every check held. */
    PASSED("✔"),
    /** A check did not hold: the store answered wrongly or threw. */
    FAILED("✘"),
    /** The criterion could not run: the code under test is missing, crashed the JVM, or ran out of memory. */
    ERROR("!"),
    /** It ran past its time limit: an endless loop, a deadlock, a process that never exits. */
    TIMEOUT("⏱");

    private final String icon;

    Status(String icon) {
        this.icon = icon;
    }

    /** A one-character symbol for tables. */
    public String icon() {
        return icon;
    }

    @JsonValue
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static Status parse(String word) {
        return valueOf(word.toUpperCase(Locale.ROOT));
    }
}
