package companion.course.guidance.tutor;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A client for the OpenAI-compatible chat-completions API, in its two forms:
 *
 * <pre>
 *   POST {url}/chat/completions   {"model": M, "messages": [...], "stream": false, ...}
 *     200 {"choices": [{"message": {"role": "assistant", "content": "..."}}]}
 *
 *   POST {url}/chat/completions   {"model": M, "messages": [...], "stream": true, ...}
 *     200 text/event-stream:
 *       data: {"choices": [{"delta": {"content": "Wh"}}]}
 *       data: {"choices": [{"delta": {"content": "at"}}]}
 *       data: [DONE]
 * </pre>
 *
 * The key, when there is one, goes in {@code Authorization: Bearer}. Every failure is a {@link TutorException}
 * that says what to do. Only java.net.http and Jackson: no SDK.
 */
public final class ChatClient {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Replies are short by design (the system prompt asks for at most ~150 words). */
    static final int MAX_TOKENS = 500;

    private final TutorConfig config;
    private final HttpClient http;

    public ChatClient(TutorConfig config) {
        this.config = config;
        this.http = HttpClient.newBuilder().connectTimeout(config.timeout()).build();
    }

    /** The exact JSON body this client sends for {@code messages}: shown to the learner before consent, and logged. */
    public String requestBody(List<ChatMessage> messages, boolean stream) {
        ObjectNode body = JSON.createObjectNode();
        body.put("model", config.model());
        body.set("messages", JSON.valueToTree(messages));
        body.put("stream", stream);
        body.put("temperature", 0.2);
        body.put("max_tokens", MAX_TOKENS);
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a chat request", e);
        }
    }

    /** Sends {@code messages} and returns the whole reply. */
    public String complete(List<ChatMessage> messages) {
        HttpResponse<InputStream> response = send(requestBody(messages, false));
        try (InputStream in = response.body()) {
            String text = new String(new LineFeed(in, config.timeout(), config.describe()).readAll(),
                    StandardCharsets.UTF_8);
            JsonNode content = parse(text).path("choices").path(0).path("message").path("content");
            if (!content.isTextual()) {
                throw protocol("the reply has no choices[0].message.content: " + excerpt(text));
            }
            return content.asText();
        } catch (IOException e) {
            throw unreachable(e);
        }
    }

    /**
     * Sends {@code messages} with {@code "stream": true} and hands each piece of the reply to {@code onDelta} as
     * it arrives.
     *
     * @throws TutorException PROTOCOL when a chunk is not JSON or the stream ends before {@code data: [DONE]}
     */
    public void stream(List<ChatMessage> messages, Consumer<String> onDelta) {
        HttpResponse<InputStream> response = send(requestBody(messages, true));
        try (InputStream in = response.body()) {
            LineFeed lines = new LineFeed(in, config.timeout(), config.describe());
            for (String line = lines.next(); line != null; line = lines.next()) {
                if (!line.startsWith("data:")) {
                    continue; // blank separators, "event:" and ": comment" lines carry nothing for us
                }
                String data = line.substring(5).strip();
                if (data.equals("[DONE]")) {
                    return;
                }
                JsonNode chunk = parse(data);
                if (chunk.has("error")) {
                    throw new TutorException(TutorException.Kind.SERVER, config.describe() + " reported an error"
                            + " in the middle of its reply: " + errorText(chunk) + "; try again, or use companion hint");
                }
                JsonNode delta = chunk.path("choices").path(0).path("delta").path("content");
                if (delta.isTextual() && !delta.asText().isEmpty()) {
                    onDelta.accept(delta.asText());
                }
            }
            throw protocol("the reply was cut off before its end (no \"data: [DONE]\"); try again");
        } catch (IOException e) {
            throw unreachable(e);
        }
    }

    private HttpResponse<InputStream> send(String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(config.endpoint()))
                .timeout(config.timeout())
                .header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (!config.key().isEmpty()) {
            request.header("Authorization", "Bearer " + config.key());
        }
        HttpResponse<InputStream> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (HttpConnectTimeoutException e) {
            throw unreachable(e);
        } catch (HttpTimeoutException e) {
            throw new TutorException(TutorException.Kind.TIMEOUT, config.describe() + " did not answer within "
                    + config.timeout().toSeconds() + " s: a local model may still be loading (try again), or raise"
                    + " \"timeoutSeconds\" in " + TutorConfig.FILE, null, e);
        } catch (IOException e) {
            throw unreachable(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TutorException(TutorException.Kind.TIMEOUT, "interrupted while waiting for the tutor", null, e);
        }
        if (response.statusCode() != 200) {
            throw refused(response);
        }
        return response;
    }

    /** The error for a non-200 answer, by status, with what to do. */
    private TutorException refused(HttpResponse<InputStream> response) {
        int status = response.statusCode();
        String detail;
        try (InputStream in = response.body()) {
            detail = errorText(in.readNBytes(4096));
        } catch (IOException e) {
            detail = "(no body)";
        }
        String where = config.describe() + " answered " + status + " (" + detail + ")";
        if (status == 401 || status == 403) {
            return new TutorException(TutorException.Kind.BAD_KEY, where + ": the key was refused; check"
                    + " COMPANION_TUTOR_KEY or \"key\" in " + TutorConfig.FILE);
        }
        if (status == 404) {
            return new TutorException(TutorException.Kind.NOT_FOUND, where + ": check the model name (for Ollama:"
                    + " ollama list) and that the url is the API's base, ending in /v1");
        }
        if (status == 429) {
            Duration after = response.headers().firstValue("Retry-After").flatMap(ChatClient::seconds).orElse(null);
            return new TutorException(TutorException.Kind.RATE_LIMITED, where + ": too many requests; try again"
                    + (after == null ? " later" : " in " + after.toSeconds() + " s"), after, null);
        }
        if (status >= 500) {
            return new TutorException(TutorException.Kind.SERVER, where + ": the provider failed; try again later,"
                    + " or use companion hint");
        }
        return protocol(where + ": the request was refused");
    }

    private static Optional<Duration> seconds(String retryAfter) {
        try {
            return Optional.of(Duration.ofSeconds(Long.parseLong(retryAfter.strip())));
        } catch (NumberFormatException httpDate) {
            return Optional.empty(); // an HTTP date: rare in practice; "later" is honest enough
        }
    }

    private TutorException unreachable(IOException e) {
        String why = e instanceof ConnectException ? "connection refused" : String.valueOf(e.getMessage());
        return new TutorException(TutorException.Kind.UNREACHABLE, "cannot reach the tutor at " + config.url()
                + " (" + why + "): is the server running (for Ollama: ollama serve)? Check the url in "
                + TutorConfig.FILE + " or COMPANION_TUTOR_URL", null, e);
    }

    private TutorException protocol(String what) {
        return new TutorException(TutorException.Kind.PROTOCOL, config.describe() + ": " + what);
    }

    private JsonNode parse(String text) {
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw protocol("a malformed reply, not JSON: " + excerpt(text));
        }
    }

    /** {@code {"error": {"message": "..."}}} as OpenAI, Ollama and llama.cpp write it, else the body's start. */
    private static String errorText(byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8);
        try {
            return errorText(JSON.readTree(text));
        } catch (JsonProcessingException notJson) {
            return excerpt(text);
        }
    }

    private static String errorText(JsonNode json) {
        JsonNode error = json.path("error");
        String message = error.isTextual() ? error.asText() : error.path("message").asText("");
        return message.isEmpty() ? excerpt(json.toString()) : message;
    }

    private static String excerpt(String text) {
        String line = text.strip().replaceAll("\\s+", " ");
        return line.isEmpty() ? "(empty)" : line.length() > 160 ? line.substring(0, 160) + " …" : line;
    }
}
