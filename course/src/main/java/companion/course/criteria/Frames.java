package companion.course.criteria;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Finds the learner's line in a stack trace: the first frame that belongs to neither the JDK nor the course.
 * A learner should read "KVStore.java:41", not forty lines of reflection and JUnit.
 */
public final class Frames {
    private static final List<String> NOT_LEARNER = List.of("java.", "javax.", "jdk.", "sun.", "com.sun.",
            "companion.course.", "companion.api.", "org.junit.", "org.opentest4j.", "net.jqwik.");

    private Frames() {
    }

    /** The first frame of the learner's own code in {@code stack}, if any. */
    public static Optional<StackTraceElement> learnerFrame(StackTraceElement[] stack) {
        return Arrays.stream(stack).filter(Frames::isLearnerCode).findFirst();
    }

    /** True for a frame of neither the JDK, the test tooling, nor the course itself. */
    public static boolean isLearnerCode(StackTraceElement frame) {
        return NOT_LEARNER.stream().noneMatch(frame.getClassName()::startsWith);
    }

    /** {@code KVStore.get (KVStore.java:41)}: the method and where it is. */
    public static String describe(StackTraceElement frame) {
        String className = frame.getClassName();
        String simple = className.substring(className.lastIndexOf('.') + 1);
        return simple + "." + frame.getMethodName() + " (" + frame.getFileName() + ":" + frame.getLineNumber() + ")";
    }

    /**
     * A throwable in one line, as a learner needs it: type, message and the learner's line, e.g.
     * {@code NullPointerException: key is null, in KVStore.put (KVStore.java:57)}.
     */
    public static String describe(Throwable thrown) {
        StringBuilder text = new StringBuilder(thrown.getClass().getSimpleName());
        if (thrown.getMessage() != null) {
            text.append(": ").append(firstLine(thrown.getMessage()));
        }
        learnerFrame(thrown.getStackTrace()).ifPresent(frame -> text.append(", in ").append(describe(frame)));
        return text.toString();
    }

    /**
     * The starter TODO {@code thrown} reached, if it is one: the {@code UnsupportedOperationException} a removed
     * region's default throws, e.g. {@code TODO(m1): KVStore.get, see LESSON.md step 4, in KVStore.get (KVStore.java:124)}.
     */
    public static Optional<String> todo(Throwable thrown) {
        if (thrown instanceof UnsupportedOperationException && thrown.getMessage() != null
                && thrown.getMessage().startsWith("TODO(")) {
            return Optional.of(describe(thrown).replaceFirst("^UnsupportedOperationException: ", ""));
        }
        return Optional.empty();
    }

    private static String firstLine(String message) {
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline) + " …";
    }
}
