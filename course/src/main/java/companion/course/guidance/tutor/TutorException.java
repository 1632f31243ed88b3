package companion.course.guidance.tutor;

import java.time.Duration;
import java.util.Optional;

/**
 * Why the tutor could not answer, grouped by who can fix it, with what to do in the message. The caller shows the
 * message and falls back to the offline hint.
 */
public final class TutorException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** What went wrong. */
    public enum Kind {
        /** No provider is configured: the tutor is opt-in. */
        NOT_CONFIGURED,
        /** Nothing answers at the configured URL. */
        UNREACHABLE,
        /** The provider refused the key (401, 403). */
        BAD_KEY,
        /** No such model, or no chat endpoint at that URL (404). */
        NOT_FOUND,
        /** Too many requests (429); {@link #retryAfter()} says when to try again, if the provider said. */
        RATE_LIMITED,
        /** The provider failed (5xx). */
        SERVER,
        /** No answer, or no further chunk, within the time limit. */
        TIMEOUT,
        /** The reply does not follow the protocol: not JSON, or a stream cut before [DONE]. */
        PROTOCOL
    }

    private final Kind kind;
    private final transient Duration retryAfter;

    public TutorException(Kind kind, String message) {
        this(kind, message, null, null);
    }

    public TutorException(Kind kind, String message, Duration retryAfter, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.retryAfter = retryAfter;
    }

    public Kind kind() {
        return kind;
    }

    /** When a rate-limited request may be tried again, if the provider said (Retry-After). */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
