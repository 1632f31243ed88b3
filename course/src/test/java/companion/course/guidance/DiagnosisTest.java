package companion.course.guidance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Level 3 reads the failure: the failing step, expected and got, and the rule that explains it. */
class DiagnosisTest {
    private final HintBook book = HintBook.load();

    private static Failure failed(String did, String expected, String got, String todo) {
        String message = "did:      " + did + "\nexpected: " + expected + "\ngot:      " + got + "\n";
        return new Failure("failed", message, did, expected, got, null, todo);
    }

    private Hint diagnose(String criterion, Failure failure) {
        return book.hint(criterion, 3, Optional.of(failure));
    }

    @Test
    void aTodoNotWrittenYetIsNamedWithItsPlace() {
        String todo = "TODO(m1): KVStore.write, see LESSON.md step 3, in KVStore.write (KVStore.java:150)";
        Hint hint = diagnose("put-and-get", failed("open a new store file, put(\"user:1\", \"alice\")",
                "the last step to return normally", "threw UnsupportedOperationException: " + todo, todo));
        assertEquals("todo-not-written", hint.rule());
        assertTrue(hint.text().contains("The step that went wrong: put(\"user:1\", \"alice\")"), hint.text());
        assertTrue(hint.text().contains("KVStore.java:150"), hint.text());
    }

    @Test
    void aTimeoutWaitingOnALockReadsAsADeadlock() {
        Failure timeout = new Failure("timeout", "ran past its 30 s limit, waiting in KVStore.put (KVStore.java:88):"
                + " a lock that is never released, or two threads waiting for each other?", null, null, null, null, null);
        Hint hint = diagnose("concurrent-access", timeout);
        assertEquals("timeout-waiting", hint.rule());
        assertTrue(hint.text().contains("KVStore.put (KVStore.java:88)"), hint.text());
        assertTrue(hint.text().startsWith("What happened: ran past"), hint.text());
    }

    @Test
    void aTimeoutStillRunningReadsAsALoop() {
        Failure timeout = new Failure("timeout", "ran past its 10 s limit, still running in LogReader.next"
                + " (LogReader.java:70): an endless loop?", null, null, null, null, null);
        assertEquals("timeout-running", diagnose("persistence-reload", timeout).rule());
    }

    @Test
    void anEmptyFileAfterPutReadsAsAMissingFlush() {
        Hint hint = diagnose("persistence-write", failed("open a new store file, put(\"user:1\", \"v\"), read store.db"
                + " without closing the store", "the file to hold the value's bytes", "an empty file", null));
        assertEquals("empty-file", hint.rule());
        assertTrue(hint.text().contains("read store.db without closing the store"), hint.text());
    }

    @Test
    void theCriterionsOwnRuleWinsOverTheGenericOnes() {
        Hint hint = diagnose("get-missing-key", failed("open a new store file, get(\"nobody\")", "not found", "\"\"",
                null));
        assertEquals("empty-string-for-missing", hint.rule());
    }

    @Test
    void theLearnersTopFrameIsQuotedForAnException() {
        Hint hint = diagnose("binary-safe", failed("open a new store file, put(\"\", \"x\")",
                "the last step to return normally",
                "threw NullPointerException: key, in LogRecord.encode (LogRecord.java:40)", null));
        assertEquals("null-pointer", hint.rule());
        assertTrue(hint.text().contains("LogRecord.encode (LogRecord.java:40)"), hint.text());
    }

    @Test
    void withoutAMatchingRuleTheLaddersOwnDiagnosisFollowsTheFailingStep() {
        Hint hint = diagnose("multiple-keys", new Failure("failed", "", "put(\"a\", \"1\"), get(\"a\")", "\"1\"",
                "something odd", null, null));
        assertEquals(null, hint.rule());
        assertTrue(hint.text().contains("The step that went wrong: get(\"a\")\n  after:    put(\"a\", \"1\")"),
                hint.text());
    }

    @Test
    void stepsSplitAtCommasOutsideQuotesAndParentheses() {
        assertEquals(List.of("open a new store file", "put(\"a, b\", \"1\")", "get(\"a\\\", c\")"),
                Failure.splitSteps("open a new store file, put(\"a, b\", \"1\"), get(\"a\\\", c\")"));
    }

    @Test
    void withoutAFailureLevelThreeSaysHowToGetOne() {
        Hint hint = book.hint("delete-key", 3, Optional.empty());
        assertTrue(hint.text().contains("companion test"), hint.text());
    }
}
