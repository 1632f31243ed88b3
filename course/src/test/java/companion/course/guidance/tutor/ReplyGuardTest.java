package companion.course.guidance.tutor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The post-filter: whole lines only, short code only, nothing copied from the solution. */
class ReplyGuardTest {
    private static final String SOLUTION_LINE = "long position = channel.size(); while (buffer.hasRemaining()) "
            + "{ position += channel.write(buffer, position); }";
    private final ReplyGuard guard = new ReplyGuard(SolutionText.ofCode(SOLUTION_LINE));

    @Test
    void textIsReleasedALineAtATime() {
        assertEquals("", guard.offer("What happens to "));
        assertEquals("What happens to the map?\n", guard.offer("the map?\nAnd"));
        assertEquals("", guard.offer(" the file?"));
        assertEquals("And the file?", guard.finish());
        assertTrue(guard.rejection().isEmpty());
    }

    @Test
    void aShortCodeBlockIsHeldUntilItClosesThenShown() {
        assertEquals("Compare:\n", guard.offer("Compare:\n```java\nmap.put(k, v);\n"));
        assertEquals("```java\nmap.put(k, v);\n```\n", guard.offer("```\n"));
        assertTrue(guard.rejection().isEmpty());
    }

    @Test
    void aLongCodeBlockRejectsTheReplyAndShowsNoneOfIt() {
        StringBuilder reply = new StringBuilder("```java\n");
        for (int i = 0; i <= ReplyGuard.MAX_CODE_LINES; i++) {
            reply.append("int x").append(i).append(" = ").append(i).append(";\n");
        }
        assertEquals("", guard.offer(reply + "```\n"));
        assertEquals("", guard.finish());
        assertTrue(guard.rejection().orElseThrow().contains("code block longer than"), guard.rejection().get());
    }

    @Test
    void textOverlappingTheSolutionIsRejectedEvenAcrossLinesAndSpacing() {
        guard.offer("Try this:\n");
        String copied = "while (buffer.hasRemaining())\n{\n    position +=   channel.write(buffer,\n position); }\n";
        guard.offer(copied + "Then check the size.\n");
        assertTrue(guard.rejection().orElseThrow().contains("reference solution"));
        // Lines are released until the copy is long enough to tell: what was shown is shorter than a copy.
        assertEquals(java.util.Optional.empty(), SolutionText.ofCode(SOLUTION_LINE).overlap(guard.released()));
        assertFalse(guard.released().contains("Then check"), "nothing after the rejection is shown");
    }

    @Test
    void namingTheSameMethodsInProseIsFine() {
        guard.offer("Does your loop call channel.write until the buffer has nothing remaining?\n");
        assertEquals("", guard.finish());
        assertFalse(guard.rejection().isPresent());
    }
}
