package companion.course.guidance.tutor;

import java.util.Objects;

/**
 * One message of a chat-completions request.
 *
 * @param role    {@code system} (the rules the model follows) or {@code user} (the context and the question)
 * @param content the text
 */
public record ChatMessage(String role, String content) {
    public ChatMessage {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(content, "content");
    }
}
