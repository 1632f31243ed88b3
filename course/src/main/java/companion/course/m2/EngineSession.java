package companion.course.m2;

import companion.api.Durability;
import companion.api.StorageEngine;
import companion.api.WriteBatch;
import companion.course.catalog.Compaction;
import companion.course.criteria.CriterionFailure;
import companion.course.criteria.Quote;
import companion.course.criteria.Steps;
import companion.course.criteria.Subject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Drives the subject's storage engine the way a milestone 2 criterion describes it, recording every step, so that a
 * failure says exactly what was done: {@code open dir at sync, put("a", "1"), compact(), reopen, get("a")}.
 * Keys and values are text here, stored as their UTF-8 bytes, so that messages can quote them.
 *
 * <pre>{@code
 * try (EngineSession s = EngineSession.open(dir, Durability.SYNC)) {
 *     s.put("a", "1");
 *     s.compact();
 *     s.reopen();
 *     s.expect("a", "1");
 * }
 * }</pre>
 */
final class EngineSession implements AutoCloseable {
    private final Subject.Engine subject;
    private final Path dir;
    private final Durability durability;
    private final Steps steps = new Steps();
    /** The open engine, or null between {@link #closeEngine()} and the next open. */
    private StorageEngine engine;

    private EngineSession(Path dir, Durability durability) {
        this.subject = Subject.current().storageEngine();
        this.dir = dir;
        this.durability = durability;
    }

    /** Opens the current subject's engine on the empty directory {@code dir}. */
    static EngineSession open(Path dir, Durability durability) {
        EngineSession session = new EngineSession(dir, durability);
        session.openEngine("open an empty directory at " + durability.word());
        return session;
    }

    Path dir() {
        return dir;
    }

    /** The engine itself, for criteria that drive it from several threads. */
    StorageEngine engine() {
        return Objects.requireNonNull(engine, "the engine is closed");
    }

    void put(String key, String value) {
        steps.run("put(" + Quote.of(key) + ", " + Quote.of(shown(value)) + ")", () -> engine().put(bytes(key),
                bytes(value)));
    }

    void delete(String key) {
        steps.run("delete(" + Quote.of(key) + ")", () -> engine().delete(bytes(key)));
    }

    /** Puts each pair, one put per pair, recorded as one step. */
    void putEach(Map<String, String> pairs) {
        steps.run("put " + pairs.size() + " keys one by one (" + range(pairs) + ")", () -> pairs.forEach(
                (key, value) -> engine().put(bytes(key), bytes(value))));
    }

    /**
     * Gets each key, recorded as one step, and fails at the first whose value is not the expected one (null: the key
     * must be missing).
     */
    void expectEach(Map<String, String> expected, String note) {
        steps.record("get each of those " + expected.size() + " keys");
        for (Map.Entry<String, String> pair : expected.entrySet()) {
            Optional<byte[]> value = steps.call("get(" + Quote.of(pair.getKey()) + ")",
                    () -> engine().get(bytes(pair.getKey())));
            steps.forget(1); // the step above is already told as "get each of those keys"
            Optional<String> got = value == null ? null : value.map(v -> new String(v, StandardCharsets.UTF_8));
            if (got == null || !got.equals(Optional.ofNullable(pair.getValue()))) {
                throw failure("get(" + Quote.of(pair.getKey()) + ") to return "
                        + Quote.result(Optional.ofNullable(pair.getValue()).map(EngineSession::shown)), got == null
                        ? "null" : Quote.result(got.map(EngineSession::shown)), note);
            }
        }
    }

    /** Runs {@code action}, which drives the engine itself, as one recorded step. */
    void step(String description, Runnable action) {
        steps.run(description, action);
    }

    /** {@code "k0" = "v0", …, "kN" = "vN"}: the first and the last pair. */
    private static String range(Map<String, String> pairs) {
        List<Map.Entry<String, String>> list = List.copyOf(pairs.entrySet());
        String first = Quote.of(list.get(0).getKey()) + " = " + Quote.of(shown(list.get(0).getValue()));
        Map.Entry<String, String> last = list.get(list.size() - 1);
        return list.size() == 1 ? first : first + ", …, " + Quote.of(last.getKey()) + " = "
                + Quote.of(shown(last.getValue()));
    }

    /** Writes one batch of puts, in the map's order. */
    void putAll(Map<String, String> puts) {
        WriteBatch batch = new WriteBatch();
        puts.forEach((key, value) -> batch.put(bytes(key), bytes(value)));
        steps.run("write(a batch of " + puts.size() + " puts: " + String.join(", ", puts.keySet()) + ")",
                () -> engine().write(batch));
    }

    /** Calls get; fails the criterion if it returns {@code null}, which the contract forbids. */
    Optional<String> get(String key) {
        Optional<byte[]> value = steps.call("get(" + Quote.of(key) + ")", () -> engine().get(bytes(key)));
        if (value == null) {
            throw failure("an Optional: the value, or Optional.empty() when the key is missing", "null",
                    "get must never return null: return Optional.empty() when the key is missing");
        }
        return value.map(v -> new String(v, StandardCharsets.UTF_8));
    }

    /** Gets {@code key} and fails unless the value is {@code expected} (null: the key must be missing). */
    void expect(String key, String expected, String note) {
        Optional<String> got = get(key);
        if (!got.equals(Optional.ofNullable(expected))) {
            throw failure(Quote.result(Optional.ofNullable(expected).map(EngineSession::shown)),
                    Quote.result(got.map(EngineSession::shown)), note);
        }
    }

    /** Runs the engine's public {@code compact()}, recorded as a step; a failure naming it when there is none. */
    void compact() {
        Compaction compaction = Compaction.of(engine()).orElseThrow(() -> failure("a public compact() method on "
                        + engine().getClass().getSimpleName(), "none",
                "the compaction criteria call compact() to run a compaction now: add public int compact()"));
        steps.run("compact()", compaction::run);
    }

    void closeEngine() {
        steps.run("close()", () -> engine().close());
        engine = null;
    }

    /** Closes the engine and opens the same directory again, as a restarted program would. */
    void reopen() {
        if (engine != null) {
            closeEngine();
        }
        openAgain();
    }

    /** Opens the closed engine again, after the criterion changed or read its files. */
    void openAgain() {
        openEngine("open the same directory");
    }

    /** Records a step the criterion performed itself, e.g. {@code flip one bit of the file}. */
    void record(String step) {
        steps.record(step);
    }

    String did() {
        return steps.did();
    }

    CriterionFailure failure(String expected, String got, String note) {
        return steps.failure(expected, got, note);
    }

    private void openEngine(String step) {
        engine = steps.call(step, () -> subject.open().open(dir, durability));
        if (engine == null) {
            throw failure("an engine", "null", "open must return the engine it opened");
        }
    }

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** A value as messages show it: long ones cut to their start and length. */
    static String shown(String value) {
        return value.length() <= 40 ? value : value.substring(0, 24) + "…(" + value.length() + " chars)";
    }

    @Override
    public void close() {
        if (engine != null) {
            try {
                engine.close();
            } catch (RuntimeException | Error ignored) {
                // The criterion has already passed or failed for its own reason; cleanup must not mask it.
            }
            engine = null;
        }
    }
}
