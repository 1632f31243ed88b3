package companion.bench.run;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import companion.bench.engine.EngineSettings;
import java.util.Optional;

/**
 * One line of a benchmark child JVM's report: {@code @@bench {"type":"result",...}}.
 *
 * @param type     {@code settings}, {@code progress}, {@code result}, {@code scaling} or {@code error}
 * @param engine   the engine
 * @param step     what is running, for {@code progress}; the failing workload, for {@code error}
 * @param message  the error, for {@code error}
 * @param settings for {@code settings}
 * @param result   for {@code result}
 * @param point    for {@code scaling}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BenchEvent(String type, String engine, String step, String message, EngineSettings settings,
                         BenchResult result, ScalingPoint point) {
    /** Marks an event line among whatever else the child prints (native libraries can be chatty). */
    public static final String PREFIX = "@@bench ";

    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    /** The line the child prints. */
    public String toLine() {
        try {
            return PREFIX + JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + this, e);
        }
    }

    /** The event on {@code line}, or empty when the line is not one. */
    public static Optional<BenchEvent> parse(String line) {
        if (!line.startsWith(PREFIX)) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readValue(line.substring(PREFIX.length()), BenchEvent.class));
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }
}
