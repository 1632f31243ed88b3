package companion.app.workspace;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HistoryTest {
    @TempDir
    Path dir;

    @Test
    void concurrentAppendsKeepEveryLineWhole() throws Exception {
        History history = new History(dir.resolve(".companion/history.jsonl"));
        String padding = "x".repeat(5_000); // long lines: a torn write would show
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        List<Throwable> failures = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            int id = t;
            Thread thread = new Thread(() -> {
                try {
                    go.await();
                    for (int i = 0; i < 100; i++) {
                        history.append(Map.of("thread", id, "i", i, "padding", padding));
                    }
                } catch (Throwable e) {
                    synchronized (failures) {
                        failures.add(e);
                    }
                }
            });
            thread.start();
            threads.add(thread);
        }
        go.countDown();
        for (Thread thread : threads) {
            thread.join();
        }
        assertEquals(List.of(), failures);
        List<JsonNode> entries = history.entries();
        assertEquals(800, entries.size());
        Set<String> seen = new HashSet<>();
        entries.forEach(e -> seen.add(e.path("thread").asInt() + "/" + e.path("i").asInt()));
        assertEquals(800, seen.size(), "every append exactly once");
    }

    @Test
    void aTornLastLineIsSkippedNotFatal() throws IOException {
        Path file = dir.resolve("history.jsonl");
        History history = new History(file);
        history.append(Map.of("kind", "test"));
        Files.writeString(file, "{\"kind\":\"te", java.nio.file.StandardOpenOption.APPEND);
        assertEquals(1, history.entries().size());
    }
}
