package companion.course.runner;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Optional;

/**
 * One line of the child JVM's report to the CLI: {@code @@companion {"event":"started","id":"put-and-get"}}, then
 * {@code @@companion {"event":"finished","id":"put-and-get","result":{...}}}. Anything else the child prints is
 * not an event (the learner's own output is captured separately, so this is rare).
 *
 * @param event  {@code started} or {@code finished}
 * @param id     the criterion id
 * @param result the result, for {@code finished}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Event(String event, String id, CriterionResult result) {
    /** Marks an event line among whatever else the child prints. */
    public static final String PREFIX = "@@companion ";

    private static final ObjectMapper JSON = new ObjectMapper();

    public static Event started(String id) {
        return new Event("started", id, null);
    }

    public static Event finished(CriterionResult result) {
        return new Event("finished", result.id(), result);
    }

    @JsonIgnore
    public boolean isFinished() {
        return "finished".equals(event);
    }

    /** The line the child prints. */
    public String toLine() {
        try {
            return PREFIX + JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write event " + this, e);
        }
    }

    /** The event on {@code line}, or empty when the line is not an event. */
    public static Optional<Event> parse(String line) {
        if (!line.startsWith(PREFIX)) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readValue(line.substring(PREFIX.length()), Event.class));
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }
}
