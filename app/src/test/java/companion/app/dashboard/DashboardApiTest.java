package companion.app.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import companion.app.FakeProvider;
import companion.app.workspace.Workspace;
import companion.course.catalog.Catalog;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The dashboard's JSON API and its security rules, over real HTTP on loopback (docs/dashboard-api.md). */
class DashboardApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path dir;
    private Workspace ws;
    private DashboardServer server;

    @BeforeEach
    void start() {
        ws = Workspace.create(dir.resolve("ws"), Catalog.load());
        server = DashboardServer.start(ws, "127.0.0.1", 0);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(server.url() + path.substring(1))).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String body, String token, String origin)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.url() + path.substring(1)))
                .POST(HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", "application/json");
        if (token != null) {
            request.header(DashboardServer.TOKEN_HEADER, token);
        }
        if (origin != null) {
            request.header("Origin", origin);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The token the page carries in its meta tag. */
    private String token() throws IOException, InterruptedException {
        Matcher m = Pattern.compile("name=\"companion-token\" content=\"([0-9a-f]+)\"").matcher(get("/").body());
        assertTrue(m.find(), "the page carries the token");
        return m.group(1);
    }

    @Test
    void statusListsFiveMilestonesWithTheFirstInProgress() throws Exception {
        JsonNode status = JSON.readTree(get("/api/status").body());
        assertEquals(1, status.path("milestone").asInt());
        assertEquals(5, status.path("milestones").size());
        assertEquals("in-progress", status.path("milestones").get(0).path("state").asText());
        // milestone 2 is locked in a new workspace once the course ships it, and unavailable before
        String second = Catalog.load().milestone(2).available() ? "locked" : "unavailable";
        assertEquals(second, status.path("milestones").get(1).path("state").asText());
    }

    @Test
    void criteriaAreNotRunUntilATestRunAndLessonRendersAsHtml() throws Exception {
        JsonNode criteria = JSON.readTree(get("/api/criteria").body()).path("criteria");
        assertEquals(11, criteria.size());
        criteria.forEach(c -> assertEquals("not-run", c.path("status").asText()));
        JsonNode lesson = JSON.readTree(get("/api/milestones/1/lesson").body());
        assertTrue(lesson.path("html").asText().contains("<h1>"), "rendered Markdown");
    }

    @Test
    void sourcesAreListedAndReadButNothingOutsideSrcMainJava() throws Exception {
        JsonNode files = JSON.readTree(get("/api/files").body()).path("files");
        assertTrue(files.toString().contains("companion/database/kv/KVStore.java"), files.toString());
        JsonNode file = JSON.readTree(get("/api/files/companion/database/kv/KVStore.java").body());
        assertTrue(file.path("text").asText().contains("class KVStore"));
        Files.writeString(dir.resolve("ws/secret.txt"), "secret");
        assertEquals(400, get("/api/files/..%2F..%2Fsecret.txt").statusCode());
        assertEquals(400, get("/api/files/companion/../../../secret.txt").statusCode());
        assertEquals(404, get("/api/files/companion/Nope.java").statusCode());
    }

    @Test
    void postsNeedThePageTokenAndNoForeignOrigin() throws Exception {
        assertEquals(403, post("/api/watch", "{\"enabled\":false}", null, null).statusCode());
        assertEquals(403, post("/api/watch", "{\"enabled\":false}", "wrong", null).statusCode());
        assertEquals(403, post("/api/watch", "{\"enabled\":false}", token(), "http://evil.example").statusCode());
        HttpResponse<String> ok = post("/api/watch", "{\"enabled\":false}", token(), server.url().replaceAll("/$", ""));
        assertEquals(200, ok.statusCode(), ok.body());
        assertEquals(false, JSON.readTree(ok.body()).path("watching").asBoolean());
    }

    @Test
    void aTestRunIsAcceptedOnceAndRecordedInTheHistory() throws Exception {
        String token = token();
        HttpResponse<String> first = post("/api/test", "{\"only\":[\"put-and-get\"]}", token, null);
        assertEquals(202, first.statusCode(), first.body());
        HttpResponse<String> second = post("/api/test", "{}", token, null);
        assertEquals(409, second.statusCode(), "one run at a time");
        awaitIdle();
        JsonNode criteria = JSON.readTree(get("/api/criteria").body()).path("criteria");
        assertEquals("failed", criteria.get(0).path("status").asText(), criteria.get(0).toString());
        assertTrue(criteria.get(0).path("todo").asText().startsWith("TODO(m1)"), criteria.get(0).toString());
        assertEquals("companion/database/kv/KVStore.java", criteria.get(0).path("location").path("file").asText());
    }

    @Test
    void malformedBodiesAreBadRequests() throws Exception {
        HttpResponse<String> response = post("/api/test", "{not json", token(), null);
        assertEquals(400, response.statusCode());
        assertTrue(response.body().contains("not JSON"), response.body());
    }

    /** Runs put-and-get once through the page's API and waits for the run to end. */
    private void failPutAndGet(String token) throws Exception {
        assertEquals(202, post("/api/test", "{\"only\":[\"put-and-get\"]}", token, null).statusCode());
        awaitIdle();
    }

    /** Waits, with a deadline, until no run is in progress. */
    private void awaitIdle() throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (JSON.readTree(get("/api/status").body()).hasNonNull("running") && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
    }

    @Test
    void hintsClimbTheLadderAfterAFailedRunAndAreCountedInTheStatus() throws Exception {
        String token = token();
        assertEquals(0, JSON.readTree(get("/api/hints/put-and-get").body()).path("shown").size());
        assertEquals(403, post("/api/hints/put-and-get", "", null, null).statusCode(), "a POST needs the token");

        JsonNode first = JSON.readTree(post("/api/hints/put-and-get", "", token, null).body());
        assertEquals(1, first.path("level").asInt());
        assertEquals("concept", first.path("kind").asText());
        assertEquals(1, JSON.readTree(post("/api/hints/put-and-get", "", token, null).body()).path("level").asInt(),
                "no second level without another failed run");

        failPutAndGet(token);
        JsonNode second = JSON.readTree(post("/api/hints/put-and-get", "", token, null).body());
        assertEquals(2, second.path("level").asInt(), second.toString());
        assertTrue(second.path("hint").asText().contains("LESSON.md"), second.toString());
        JsonNode ladder = JSON.readTree(get("/api/hints/put-and-get").body());
        assertEquals(2, ladder.path("shown").size(), ladder.toString());
        assertEquals(2, JSON.readTree(get("/api/status").body()).path("milestones").get(0).path("hintsUsed").asInt());
        assertEquals(400, post("/api/hints/no-such", "", token, null).statusCode());
    }

    @Test
    void theTutorIsOffUntilConfiguredThenAsksConsentAndStreamsItsReply() throws Exception {
        String token = token();
        JsonNode off = JSON.readTree(get("/api/tutor").body());
        assertEquals(false, off.path("configured").asBoolean());
        assertTrue(off.path("help").asText().contains("COMPANION_TUTOR_URL"), off.toString());
        String ask = "{\"criterion\":\"put-and-get\",\"question\":\"why does put throw?\"}";
        assertEquals(400, post("/api/tutor", ask, token, null).statusCode(), "not configured");

        try (FakeProvider provider = new FakeProvider("Which method does put hand its record to? ")) {
            provider.configure(ws.root());
            assertEquals(true, JSON.readTree(get("/api/tutor").body()).path("configured").asBoolean());
            JsonNode preview = JSON.readTree(post("/api/tutor/preview", ask, token, null).body());
            assertEquals(false, preview.path("consented").asBoolean());
            assertTrue(preview.path("body").asText().contains("why does put throw?"), preview.toString());
            HttpResponse<String> refused = post("/api/tutor", ask, token, null);
            assertEquals(409, refused.statusCode(), "consent first");
            assertEquals(0, provider.requests.size());

            HttpResponse<String> streamed = post("/api/tutor", ask.replace("}", ",\"consent\":true}"), token, null);
            assertEquals(200, streamed.statusCode(), streamed.body());
            String[] events = streamed.body().split("\n");
            assertEquals("start", JSON.readTree(events[0]).path("type").asText());
            assertTrue(JSON.readTree(events[0]).path("label").asText().startsWith("AI-generated"));
            StringBuilder text = new StringBuilder();
            for (String line : events) {
                JsonNode event = JSON.readTree(line);
                if (event.path("type").asText().equals("delta")) {
                    text.append(event.path("text").asText());
                }
            }
            assertEquals("Which method does put hand its record to? ", text.toString());
            assertEquals("done", JSON.readTree(events[events.length - 1]).path("type").asText());
            assertEquals(JSON.readTree(preview.path("body").asText()), provider.requests.get(0),
                    "what was sent is exactly what the preview showed");
            assertTrue(JSON.readTree(post("/api/tutor/preview", ask, token, null).body()).path("consented").asBoolean());
        }
    }
}
