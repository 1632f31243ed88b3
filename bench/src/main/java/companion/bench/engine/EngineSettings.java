package companion.bench.engine;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What a durability word means for one engine, printed beside every result so that nobody compares a buffered
 * engine with a syncing one by accident.
 *
 * @param engine     the engine's name
 * @param durability {@code none}, {@code group} or {@code sync}
 * @param honoured   false when the engine cannot run at this durability; then {@link #reason} says why
 * @param reason     why not, or null when honoured
 * @param settings   ordered name → value pairs, e.g. {@code sync=false}, {@code wal=on}, {@code cache=8 MiB}
 */
public record EngineSettings(String engine, String durability, boolean honoured, String reason,
                             Map<String, String> settings) {
    public EngineSettings {
        Objects.requireNonNull(engine, "engine");
        Objects.requireNonNull(durability, "durability");
        if (!honoured && (reason == null || reason.isBlank())) {
            throw new IllegalArgumentException(engine + " does not honour " + durability + " but gives no reason");
        }
        settings = Collections.unmodifiableMap(new LinkedHashMap<>(settings));
    }

    /** Settings under which the engine honours the durability. */
    public static EngineSettings honoured(String engine, String durability, Map<String, String> settings) {
        return new EngineSettings(engine, durability, true, null, settings);
    }

    /** The engine cannot run at this durability, because {@code reason}. */
    public static EngineSettings notHonoured(String engine, String durability, String reason) {
        return new EngineSettings(engine, durability, false, reason, Map.of());
    }

    /**
     * Returns normally when these settings are honoured.
     *
     * @throws IllegalArgumentException with the engine's reason, as {@link Engine#open} must for such a durability
     */
    public void requireHonoured() {
        if (!honoured) {
            throw new IllegalArgumentException(engine + " " + describe());
        }
    }

    /**
     * Name/value pairs in the order given: {@code ordered("sync", "false", "wal", "on")}.
     *
     * @throws IllegalArgumentException for an odd number of strings
     */
    public static Map<String, String> ordered(String... pairs) {
        if (pairs.length % 2 != 0) {
            throw new IllegalArgumentException("settings come in name/value pairs; got " + pairs.length + " strings");
        }
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return map;
    }

    /** {@code sync=false, wal=on, cache=8 MiB}: one line for output. */
    public String describe() {
        if (!honoured) {
            return "cannot run at " + durability + ": " + reason;
        }
        StringBuilder text = new StringBuilder();
        settings.forEach((k, v) -> text.append(text.length() == 0 ? "" : ", ").append(k).append('=').append(v));
        return text.toString();
    }
}
