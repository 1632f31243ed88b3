package companion.course.criteria;

import companion.api.KeyValueStore;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

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
    private final Subject subject;
    private final Path file;
    private final Steps steps = new Steps();
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
        steps.run("put(" + Quote.of(key) + ", " + Quote.of(value) + ")", () -> store().put(key, value));
    }

    public void delete(String key) {
        steps.run("delete(" + Quote.of(key) + ")", () -> store().delete(key));
    }

    /** Calls get and fails the criterion if it returns {@code null}, which the contract forbids. */
    public Optional<String> get(String key) {
        Optional<String> value = steps.call("get(" + Quote.of(key) + ")", () -> store().get(key));
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
        steps.run("close()", () -> store().close());
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
        steps.record(step);
    }

    /** The steps so far, as a learner reads them; long lists keep their start and end. */
    public String did() {
        return steps.did();
    }

    /** A failure of this session's criterion, with the steps so far. */
    public CriterionFailure failure(String expected, String got, String note) {
        return steps.failure(expected, got, note);
    }

    private void openStore(String step) {
        store = steps.call(step, () -> subject.storeOpener().open(file));
        if (store == null) {
            throw failure("a store", "null", "open must return the store it opened");
        }
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
