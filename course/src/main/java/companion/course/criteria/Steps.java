package companion.course.criteria;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The steps a criterion has taken so far, as a learner reads them: {@code put("a", "1"), close(), open the same
 * file, get("a")}. A failure quotes them as its "did" line, so that it can be replayed by hand.
 *
 * <p>{@link #call} runs one step of the code under test: any exception it throws becomes a
 * {@link CriterionFailure} naming the step, the exception and the learner's line, instead of a stack trace through
 * JUnit. {@link Session} (milestone 1) and the milestone 2 engine session both keep their steps here.
 */
public final class Steps {
    /** Past this many steps, the middle of the list is elided in messages. */
    private static final int SHOWN_STEPS = 12;

    private final List<String> steps = new ArrayList<>();

    /** Records a step the criterion performed itself, e.g. {@code read the file's bytes}. */
    public void record(String step) {
        steps.add(step);
    }

    /** Drops the last {@code count} steps: for a step the criterion has already told in its own words. */
    public void forget(int count) {
        steps.subList(steps.size() - count, steps.size()).clear();
    }

    /** The steps so far; long lists keep their start and end. */
    public String did() {
        if (steps.size() <= SHOWN_STEPS) {
            return String.join(", ", steps);
        }
        int head = 4;
        int tail = SHOWN_STEPS - head;
        return String.join(", ", steps.subList(0, head)) + ", … " + (steps.size() - SHOWN_STEPS)
                + " more steps …, " + String.join(", ", steps.subList(steps.size() - tail, steps.size()));
    }

    /** A failure after the steps so far. */
    public CriterionFailure failure(String expected, String got, String note) {
        return new CriterionFailure(did(), expected, got, note);
    }

    /** Records {@code step} and runs {@code action}, the step itself; what it throws becomes a failure. */
    public <T> T call(String step, Supplier<T> action) {
        steps.add(step);
        try {
            return action.get();
        } catch (CriterionFailure failure) {
            throw failure;
        } catch (OutOfMemoryError e) {
            throw e; // the runner reports it; the JVM's state is not to be trusted after one
        } catch (RuntimeException | Error e) {
            throw thrown(e);
        }
    }

    /** {@link #call} for a step that returns nothing. */
    public void run(String step, Runnable action) {
        call(step, () -> {
            action.run();
            return null;
        });
    }

    /** The failure "the last step threw e", with a likely cause when one is known. */
    public CriterionFailure thrown(Throwable e) {
        String note = null;
        if (Frames.todo(e).isPresent()) {
            note = "this part is not written yet: it is one of the TODOs of the starter code";
        } else if (e instanceof SecurityException && String.valueOf(e.getMessage()).startsWith("System.exit")) {
            note = "a store must never end the program: throw an exception and let the caller decide";
        } else if (e instanceof StackOverflowError) {
            note = "endless recursion: a method that calls itself without a way to stop";
        }
        CriterionFailure failure = new CriterionFailure(did(), "the last step to return normally",
                "threw " + Frames.describe(e), note, Frames.todo(e).orElse(null));
        failure.initCause(e); // criteria that expect an exception (a CorruptionException) look at it
        return failure;
    }
}
