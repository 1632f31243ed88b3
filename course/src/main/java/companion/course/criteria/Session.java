package companion.course.criteria;

import companion.api.KeyValueStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Drives the subject's store the way a criterion describes it, and records every step, so that a failure can say
 * exactly what was done: {@code put("a", "1"), close(), open the same file, get("a")}.
 *
 * <p>Every exception the learner's code throws becomes a {@link CriterionFailure} naming the step, the exception and
 * the learner's line, instead of a stack trace through JUnit.
 *
 * <pre>{@code
 * try (Session s = Session.open(dir.resolve("store.db"))) {
 *     s.put("user:1", "alice");
 *     s.reopen();
 *     s.expect("user:1", "alice");
 * }
 * }</pre>
 */
public final class Session implements AutoCloseable {
    /** Past this many steps, the middle of the list is elided in messages. */
    private static final int SHOWN_STEPS = 12;

    private final Subject subject;
    private final Path file;
    private final List<String> steps = new ArrayList<>();
    /** The open store, or null between {@link #closeStore()} and the next open. */
    private KeyValueStore store;

    private Session(Subject subject, Path file) {
        this.subject = subject;
        this.file = file;
    }

    /** Opens the current subject's store on {@code file}, recording the step. */
    public static Session open(Path file) {
        Session session = new Session(Subject.current(), file);
        session.openStore("open a new store file");
        return session;
    }

    /** The file the store is kept in. */
    public Path file() {
        return file;
    }

    /** The store itself, for criteria that drive it from several threads (they record their own history). */
    public KeyValueStore store() {
        return Objects.requireNonNull(store, "the store is closed");
    }

    public void put(String key, String value) {
        call("put(" + Quote.of(key) + ", " + Quote.of(value) + ")", () -> {
            store().put(key, value);
            return null;
        });
    }

    public void delete(String key) {
        call("delete(" + Quote.of(key) + ")", () -> {
            store().delete(key);
            return null;
        });
    }

    /** Calls get and fails the criterion if it returns {@code null}, which the contract forbids. */
    public Optional<String> get(String key) {
        Optional<String> value = call("get(" + Quote.of(key) + ")", () -> store().get(key));
        if (value == null) {
            throw failure("an Optional: the value, or Optional.empty() when the key is missing", "null",
                    "get must never return null: return Optional.empty() when the key is missing");
        }
        return value;
    }

    /** Gets {@code key} and fails unless the value is {@code expected} (null: the key must be missing). */
    public void expect(String key, String expected) {
        Optional<String> got = get(key);
        if (!got.equals(Optional.ofNullable(expected))) {
            String note = expected == null && got.isPresent() && got.get().isEmpty()
                    ? "an empty string is a value; a missing key is Optional.empty()" : null;
            throw failure(Quote.result(Optional.ofNullable(expected)), Quote.result(got), note);
        }
    }

    /** Closes the store (recorded as {@code close()}). */
    public void closeStore() {
        call("close()", () -> {
            store().close();
            return null;
        });
        store = null;
    }

    /** Closes the store and opens the same file again, as a restarted program would. */
    public void reopen() {
        if (store != null) {
            closeStore();
        }
        openStore("open the same file");
    }

    /** Records a step the criterion performed itself, e.g. {@code read the file's bytes}. */
    public void record(String step) {
        steps.add(step);
    }

    /** The steps so far, as a learner reads them; long lists keep their start and end. */
    public String did() {
        if (steps.size() <= SHOWN_STEPS) {
            return String.join(", ", steps);
        }
        int head = 4;
        int tail = SHOWN_STEPS - head;
        return String.join(", ", steps.subList(0, head)) + ", … " + (steps.size() - SHOWN_STEPS)
                + " more steps …, " + String.join(", ", steps.subList(steps.size() - tail, steps.size()));
    }

    /** A failure of this session's criterion, with the steps so far. */
    public CriterionFailure failure(String expected, String got, String note) {
        return new CriterionFailure(did(), expected, got, note);
    }

    private void openStore(String step) {
        store = call(step, () -> subject.opener().open(file));
        if (store == null) {
            throw failure("a store", "null", "open must return the store it opened");
        }
    }

    private <T> T call(String step, Supplier<T> action) {
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

    private CriterionFailure thrown(Throwable e) {
        String note = null;
        if (Frames.todo(e).isPresent()) {
            note = "this part is not written yet: it is one of the TODOs of the starter code";
        } else if (e instanceof SecurityException && String.valueOf(e.getMessage()).startsWith("System.exit")) {
            note = "a store must never end the program: throw an exception and let the caller decide";
        } else if (e instanceof StackOverflowError) {
            note = "endless recursion: a method that calls itself without a way to stop";
        }
        return new CriterionFailure(did(), "the last step to return normally", "threw " + Frames.describe(e), note,
                Frames.todo(e).orElse(null));
    }

    /** Closes the store if it is open, for cleanup after a criterion; a failure here is ignored on purpose. */
    @Override
    public void close() {
        if (store != null) {
            try {
                store.close();
            } catch (RuntimeException | Error ignored) {
                // The criterion has already passed or failed for its own reason; cleanup must not mask it.
            }
            store = null;
        }
    }
}
