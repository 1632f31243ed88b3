package companion.course.m1;

import companion.course.criteria.Criterion;
import companion.course.criteria.CriterionFailure;
import companion.course.criteria.Quote;
import companion.course.criteria.Session;
import companion.course.criteria.Shrinker;
import companion.course.criteria.Subject;
import companion.course.linearizability.CheckResult;
import companion.course.linearizability.LinearizabilityChecker;
import companion.course.linearizability.Operation;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Milestone 1's acceptance criteria: a persistent, binary-safe, thread-safe key-value store.
 * Each method is one criterion of the catalog; its failure message is what the learner reads.
 */
public class KeyValueStoreCriteria {
    @TempDir
    Path dir;

    private Path storeFile() {
        return dir.resolve("store.db");
    }

    @Test
    @Criterion("put-and-get")
    void putAndGet() {
        try (Session s = Session.open(storeFile())) {
            s.put("user:1", "alice");
            s.expect("user:1", "alice");
            s.put("user:2", "bob");
            s.expect("user:2", "bob");
            s.expect("user:1", "alice");
        }
    }

    @Test
    @Criterion("get-missing-key")
    void getMissingKey() {
        try (Session s = Session.open(storeFile())) {
            s.expect("nobody", null);
            s.put("somebody", "here");
            s.expect("nobody", null);
        }
    }

    @Test
    @Criterion("delete-key")
    void deleteKey() {
        try (Session s = Session.open(storeFile())) {
            s.put("user:1", "alice");
            s.delete("user:1");
            s.expect("user:1", null);
            s.delete("never-existed");
            s.put("user:1", "again");
            s.expect("user:1", "again");
        }
    }

    @Test
    @Criterion("overwrite-key")
    void overwriteKey() {
        try (Session s = Session.open(storeFile())) {
            s.put("color", "red");
            s.put("color", "green");
            s.expect("color", "green");
            s.put("color", "blue");
            s.expect("color", "blue");
        }
    }

    @Test
    @Criterion("persistence-write")
    void persistenceWrite() throws IOException {
        String value = "persistence-write-7d1f";
        try (Session s = Session.open(storeFile())) {
            s.put("user:1", value);
            s.record("read " + storeFile().getFileName() + " without closing the store");
            String note = "put must hand the bytes to the OS before it returns: write them to the file (flush any"
                    + " buffer) inside put, not later in close";
            if (!Files.exists(storeFile())) {
                throw s.failure("the file " + storeFile().getFileName() + " to exist", "no such file",
                        "the store must keep its data in the file it was opened with");
            }
            byte[] bytes = Files.readAllBytes(storeFile());
            if (bytes.length == 0) {
                throw s.failure("the file to hold the value's bytes", "an empty file", note);
            }
            if (indexOf(bytes, value.getBytes(StandardCharsets.UTF_8)) < 0) {
                throw s.failure("the file to contain the UTF-8 bytes of " + Quote.of(value),
                        "a " + bytes.length + "-byte file without them", note);
            }
        }
    }

    @Test
    @Criterion("persistence-reload")
    void persistenceReload() {
        try (Session s = Session.open(storeFile())) {
            s.put("user:1", "alice");
            s.put("user:2", "bob");
            s.put("user:3", "carol");
            s.reopen();
            s.expect("user:1", "alice");
            s.expect("user:2", "bob");
            s.expect("user:3", "carol");
        }
    }

    @Test
    @Criterion("multiple-keys")
    void multipleKeys() throws IOException {
        long seed = Subject.current().seed();
        Scenario scenario = Scenario.random(seed, 150, 600);
        CriterionFailure failure = failureOf(scenario);
        if (failure == null) {
            return;
        }
        List<Scenario.Step> minimal = Shrinker.shrink(scenario.steps(),
                steps -> failureOf(scenario.withSteps(steps)) != null, 2_000);
        CriterionFailure shrunk = failureOf(scenario.withSteps(minimal));
        CriterionFailure shown = shrunk != null ? shrunk : failure;
        throw new CriterionFailure(shown.did(), shown.expected(), shown.got(),
                "shrunk from " + scenario.steps().size() + " random steps (seed " + seed + ") to "
                        + minimal.size() + (shown.note().map(n -> "; " + n).orElse("")), shown.todo().orElse(null));
    }

    /** Runs {@code scenario} on a fresh file; its failure, or null when it passes. */
    private CriterionFailure failureOf(Scenario scenario) {
        try {
            Path run = Files.createTempDirectory(dir, "run");
            scenario.run(run.resolve("store.db"));
            return null;
        } catch (CriterionFailure failure) {
            return failure;
        } catch (IOException e) {
            throw new IllegalStateException("cannot make a temporary directory in " + dir, e);
        }
    }

    @Test
    @Criterion("exit-clean")
    void exitClean() throws IOException, InterruptedException {
        MainProcess main = new MainProcess(Subject.current(), dir);
        main.run(storeFile().toString(), "put", "greeting", "hello");
        MainProcess.Outcome get = main.run(storeFile().toString(), "get", "greeting");
        if (!get.stdout().strip().equals("hello")) {
            throw new CriterionFailure(main.did(), "it to print hello", "it printed " + Quote.of(get.stdout().strip()),
                    "the second process must read what the first one wrote to the file");
        }
    }

    @Test
    @Criterion("concurrent-access")
    void concurrentAccess() throws InterruptedException {
        long seed = Subject.current().seed();
        try (Session s = Session.open(storeFile())) {
            String did = ConcurrentWorkload.describe(seed);
            List<Operation> history = ConcurrentWorkload.run(s.store(), seed, did);
            CheckResult check = new LinearizabilityChecker().check(history);
            if (check.outcome() == CheckResult.Outcome.VIOLATION) {
                throw new CriterionFailure(did, "answers that some one-call-at-a-time order explains"
                        + " (a linearizable history)", check.explain(), "calls on one key overlapped without a lock:"
                        + " a get saw a value a completed put had replaced, or a write was lost");
            }
            if (check.outcome() == CheckResult.Outcome.UNKNOWN) {
                throw new IllegalStateException("the history of " + history.size()
                        + " operations was too tangled to check within the search budget; run again");
            }
            s.record(did);
            expectSameAfterReopen(s, ConcurrentWorkload.keys());
            for (int round = 0; round < ConcurrentWorkload.RACE_ROUNDS; round++) {
                String racing = ConcurrentWorkload.THREADS + " threads put(\"hot\", ...) at once (round " + round + ")";
                ConcurrentWorkload.race(s.store(), "hot", round, s.did() + ", " + racing);
                s.record(racing);
                expectSameAfterReopen(s, List.of("hot"));
            }
        }
    }

    /** Reads {@code keys}, reopens, and fails unless every key reads the same: the file must agree with memory. */
    private static void expectSameAfterReopen(Session s, List<String> keys) {
        Map<String, String> before = new LinkedHashMap<>();
        for (String key : keys) {
            before.put(key, s.get(key).orElse(null));
        }
        s.reopen();
        for (Map.Entry<String, String> entry : before.entrySet()) {
            String after = s.get(entry.getKey()).orElse(null);
            if (!Objects.equals(entry.getValue(), after)) {
                throw s.failure(Quote.result(Optional.ofNullable(entry.getValue()))
                                + ", what get(" + Quote.of(entry.getKey()) + ") returned before close",
                        Quote.result(Optional.ofNullable(after)),
                        "the file's records are in another order than the map's changes: append to the file and"
                                + " update the map under one lock, so both see writes in the same order");
            }
        }
    }

    @Test
    @Criterion("binary-safe")
    void binarySafe() {
        Map<String, String> pairs = new LinkedHashMap<>();
        pairs.put("", "value of the empty key");
        pairs.put("empty value", "");
        pairs.put("line1\nline2", "one\ntwo\n\nthree\n");
        pairs.put("tab\tand\r\nreturn", "quote \" backslash \\ =:,;");
        pairs.put("nul\u0000byte", "\u0000\u0001\u001f\u007f");
        pairs.put("ключ", "значение");
        pairs.put("emoji 😀", "日本語のテキスト 🎉");
        pairs.put("big", megabyteValue());
        try (Session s = Session.open(storeFile())) {
            pairs.forEach(s::put);
            pairs.forEach(s::expect);
            s.reopen();
            pairs.forEach(s::expect);
        }
    }

    /** About 1 MiB of text in which every code point is a different width in UTF-8 (1, 2, 3 and 4 bytes). */
    private static String megabyteValue() {
        StringBuilder value = new StringBuilder();
        String pattern = "a\né€😀";
        while (value.length() < (1 << 20)) {
            value.append(pattern);
        }
        return value.toString();
    }

    @Test
    @Criterion("delete-persists")
    void deletePersists() {
        try (Session s = Session.open(storeFile())) {
            s.put("a", "1");
            s.put("b", "2");
            s.delete("a");
            s.reopen();
            s.expect("a", null);
            s.expect("b", "2");
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            if (Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
                return i;
            }
        }
        return -1;
    }
}
