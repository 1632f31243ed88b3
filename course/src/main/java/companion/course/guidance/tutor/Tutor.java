package companion.course.guidance.tutor;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Asks the provider one question and lets the reply through the {@link ReplyGuard}.
 *
 * <pre>{@code
 * Tutor tutor = new Tutor(new ChatClient(config), SolutionText.of("m1"));
 * Tutor.Reply reply = tutor.ask(Prompt.messages(context), true, System.out::print);
 * if (reply.withdrawn()) System.out.println(offlineHint.text());
 * }</pre>
 */
public final class Tutor {
    /** Every reply shown is introduced with this, in the CLI and on the dashboard. */
    public static final String LABEL = "AI-generated (may be wrong; it does not know the reference solution)";

    private final ChatClient client;
    private final SolutionText solution;

    public Tutor(ChatClient client, SolutionText solution) {
        this.client = client;
        this.solution = solution;
    }

    /**
     * What came of a question.
     *
     * @param shown     the text the learner was shown (all of the reply unless it was withdrawn part-way)
     * @param rejection why the guard withdrew the reply, or null when it passed
     * @param raw       the reply as the provider sent it, for the local log
     */
    public record Reply(String shown, String rejection, String raw) {
        public boolean withdrawn() {
            return rejection != null;
        }
    }

    /**
     * Sends {@code messages}; with {@code stream}, hands each checked piece to {@code shown} as it arrives, else
     * the whole checked reply at the end.
     *
     * @throws TutorException when the provider cannot be used (the message says what to do)
     */
    public Reply ask(List<ChatMessage> messages, boolean stream, Consumer<String> shown) {
        ReplyGuard guard = new ReplyGuard(solution);
        StringBuilder raw = new StringBuilder();
        if (stream) {
            client.stream(messages, delta -> {
                raw.append(delta);
                emit(guard.offer(delta), shown);
            });
        } else {
            String whole = client.complete(messages);
            raw.append(whole);
            String passed = guard.offer(whole);
            emit(guard.rejection().isPresent() ? "" : passed, shown);
        }
        emit(guard.finish(), shown);
        Optional<String> rejection = guard.rejection();
        return new Reply(guard.released(), rejection.orElse(null), raw.toString());
    }

    private static void emit(String text, Consumer<String> shown) {
        if (!text.isEmpty()) {
            shown.accept(text);
        }
    }
}
