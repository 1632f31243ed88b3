package companion.course.guidance.tutor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Where the tutor's provider is. Read from a JSON file in the workspace and from the environment:
 *
 * <pre>
 *   .companion/tutor.json   { "url": "http://localhost:11434/v1", "model": "llama3.2", "key": "", "timeoutSeconds": 60 }
 *   environment             COMPANION_TUTOR_URL, COMPANION_TUTOR_MODEL, COMPANION_TUTOR_KEY
 * </pre>
 *
 * The file wins field by field; the environment fills what it leaves out (so a key can stay out of the file).
 * The URL is the API's base, ending in {@code /v1}; requests go to {@code {url}/chat/completions}.
 *
 * @param url     the base URL, without a trailing slash
 * @param model   the model name, e.g. {@code llama3.2} (Ollama) or {@code gpt-4o-mini}
 * @param key     the API key, or empty for local servers that need none
 * @param timeout how long to wait for the first byte and between streamed chunks
 */
public record TutorConfig(String url, String model, String key, Duration timeout) {
    /** The workspace file, relative to the workspace root. */
    public static final String FILE = ".companion/tutor.json";
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

    public TutorConfig {
        if (url == null || !url.matches("https?://.+")) {
            throw new IllegalArgumentException("tutor url must start with http:// or https://, not " + url);
        }
        url = url.replaceAll("/+$", "");
        if (model == null || model.isBlank()) {
            throw new IllegalArgumentException("tutor model is empty");
        }
        key = key == null ? "" : key;
        timeout = timeout == null ? DEFAULT_TIMEOUT : timeout;
    }

    /**
     * The configuration of a workspace, if it has one.
     *
     * @param file the workspace's {@code .companion/tutor.json} (need not exist)
     * @param env  the environment, e.g. {@code System.getenv()}
     * @return empty when neither says where the provider is
     * @throws TutorException (NOT_CONFIGURED) when the file is unreadable, or a URL is given without a model
     */
    public static Optional<TutorConfig> resolve(Path file, Map<String, String> env) {
        JsonNode json = new ObjectMapper().createObjectNode();
        if (Files.exists(file)) {
            try {
                json = new ObjectMapper().readTree(file.toFile());
            } catch (IOException e) {
                throw new TutorException(TutorException.Kind.NOT_CONFIGURED, file + " is not valid JSON ("
                        + e.getMessage().lines().findFirst().orElse("") + "): fix it, or delete it and use the COMPANION_TUTOR_* variables",
                        null, e);
            }
        }
        String url = pick(json, "url", env, "COMPANION_TUTOR_URL");
        String model = pick(json, "model", env, "COMPANION_TUTOR_MODEL");
        String key = pick(json, "key", env, "COMPANION_TUTOR_KEY");
        if (url == null && model == null) {
            return Optional.empty();
        }
        if (url == null || model == null) {
            throw new TutorException(TutorException.Kind.NOT_CONFIGURED, "the tutor needs both a url and a model;"
                    + " only the " + (url == null ? "model" : "url") + " is set: add \"" + (url == null ? "url" : "model")
                    + "\" to " + file + " or set COMPANION_TUTOR_" + (url == null ? "URL" : "MODEL"));
        }
        Duration timeout = json.has("timeoutSeconds") ? Duration.ofSeconds(json.path("timeoutSeconds").asLong())
                : DEFAULT_TIMEOUT;
        try {
            return Optional.of(new TutorConfig(url, model, key, timeout));
        } catch (IllegalArgumentException e) {
            throw new TutorException(TutorException.Kind.NOT_CONFIGURED, e.getMessage() + " (in " + file
                    + " or COMPANION_TUTOR_URL)", null, e);
        }
    }

    private static String pick(JsonNode json, String field, Map<String, String> env, String variable) {
        String value = json.hasNonNull(field) ? json.path(field).asText() : env.get(variable);
        return value == null || value.isBlank() ? null : value.strip();
    }

    /** What to tell a learner who asked for the tutor without configuring one. */
    public static String howToConfigure(Path file) {
        return "no AI tutor is configured (it is optional; the offline hints work without one). To use one, put"
                + " {\"url\": \"http://localhost:11434/v1\", \"model\": \"llama3.2\"} in " + file
                + " (Ollama; llama.cpp's server is http://localhost:8080/v1), or set COMPANION_TUTOR_URL,"
                + " COMPANION_TUTOR_MODEL and, for a hosted provider, COMPANION_TUTOR_KEY";
    }

    /** {@code {url}/chat/completions}. */
    public String endpoint() {
        return url + "/chat/completions";
    }

    /** {@code llama3.2 at http://localhost:11434/v1}: for consent prompts and logs (never the key). */
    public String describe() {
        return model + " at " + url;
    }
}
