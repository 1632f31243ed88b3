package companion.course.guidance.tutor;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What the tutor is told: a Socratic system prompt, and one user message with the context of the question, cut
 * to a size budget so that a large workspace cannot make a request huge (or expensive).
 *
 * <pre>
 *   part              at most (characters)
 *   question          1,000
 *   failure           2,000   the criterion, its did / expected / got message and the repro command
 *   hint              1,200   the deepest offline hint the learner has unlocked, and its level
 *   lesson section    3,000   the section the criterion's ladder points at
 *   learner's files   the rest of {@link #BUDGET}, file by file in the order given, each cut when it overflows
 * </pre>
 *
 * Never included: the reference solution. The learner's files are theirs; the lesson and the failure are what
 * they already see.
 */
public final class Prompt {
    /** The whole user message's budget, in characters (about 3,000 tokens). */
    public static final int BUDGET = 12_000;
    /** Room kept at the end for the line naming the files left out. */
    private static final int RESERVE = 200;

    /** The rules the model is asked to follow; the {@link ReplyGuard} enforces the ones that can be checked. */
    public static final String SYSTEM = """
            You are a tutor in CS Companion, a course where a learner builds a database in Java, milestone by \
            milestone. Your job is to help them think, not to do the work for them.
            Rules:
            - Ask one question, or explain one concept, per reply. Be brief: at most about 150 words.
            - Never write the solution. No code longer than 3 lines, never a whole method, never the fix itself.
            - Work from what you are given: the lesson section, the failing criterion and its message, the \
            learner's own code, and the hints they have already seen. Point at a line or a step rather than \
            rewriting it.
            - The learner has unlocked hint level {LEVEL} of 4 (1 concept, 2 pointer, 3 diagnosis of this failure, \
            4 pseudocode). Do not go further than one level beyond it.
            - If they ask for the code, say kindly that you will not write it, and ask the question that leads \
            them to it.""";

    /**
     * The context of one question.
     *
     * @param criterion the criterion id
     * @param title     its title in the catalog
     * @param failure   its latest failure as the learner read it (did / expected / got), or null if it never failed
     * @param repro     the command that repeats it, or null
     * @param lesson    the lesson section the ladder points at
     * @param hintLevel the deepest hint level unlocked, 0..4
     * @param hint      that hint's text, or null
     * @param files     the learner's relevant files, path to text, most relevant first
     * @param question  what the learner asks
     */
    public record Context(String criterion, String title, String failure, String repro, String lesson,
                          int hintLevel, String hint, Map<String, String> files, String question) {
    }

    private Prompt() {
    }

    /** The messages for {@code context}: the system prompt and one user message within {@link #BUDGET}. */
    public static List<ChatMessage> messages(Context context) {
        StringBuilder user = new StringBuilder();
        user.append("## My question\n").append(cut(context.question(), 1_000)).append("\n\n");
        user.append("## The criterion\n").append(context.criterion()).append(": ").append(context.title())
                .append('\n');
        if (context.failure() != null) {
            user.append(cut(context.failure(), 2_000)).append('\n');
        } else {
            user.append("(it has not failed in a recorded run)\n");
        }
        if (context.repro() != null) {
            user.append("repro: ").append(context.repro()).append('\n');
        }
        user.append('\n');
        if (context.hint() != null) {
            user.append("## The hint I have seen (level ").append(context.hintLevel()).append(" of 4)\n")
                    .append(cut(context.hint(), 1_200)).append("\n\n");
        }
        user.append("## The lesson section\n").append(cut(context.lesson(), 3_000)).append("\n\n");
        user.append("## My code\n");
        List<String> skipped = new ArrayList<>();
        for (Map.Entry<String, String> file : context.files().entrySet()) {
            String header = "### " + file.getKey() + "\n```java\n";
            String footer = "\n```\n";
            int room = BUDGET - RESERVE - user.length() - header.length() - footer.length();
            if (room < 200) {
                skipped.add(file.getKey());
            } else {
                user.append(header).append(cut(file.getValue(), room)).append(footer);
            }
        }
        if (!skipped.isEmpty()) {
            user.append(cut("(left out for size: " + String.join(", ", skipped) + ")", RESERVE));
        }
        String system = SYSTEM.replace("{LEVEL}", String.valueOf(context.hintLevel()));
        return List.of(new ChatMessage("system", system), new ChatMessage("user", user.toString()));
    }

    /** {@code text} cut to {@code max} characters, saying how much was cut. */
    static String cut(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        String note = "\n… [" + (text.length() - max) + " more characters cut]";
        return text.substring(0, Math.max(0, max - note.length())) + note;
    }
}
