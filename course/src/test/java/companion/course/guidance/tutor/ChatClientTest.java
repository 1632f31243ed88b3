package companion.course.guidance.tutor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The chat-completions client against a real server on loopback, whole and streamed, in every way it can go. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ChatClientTest {
    private static final List<ChatMessage> ASK = List.of(new ChatMessage("system", "be Socratic"),
            new ChatMessage("user", "why does get return empty?"));

    private static ChatClient client(FakeChatServer server, String key) {
        return new ChatClient(new TutorConfig(server.url(), "tiny", key, Duration.ofSeconds(1)));
    }

    /** Runs one request, streamed or not, and returns the reply's text. */
    private static String ask(ChatClient client, boolean stream) {
        if (!stream) {
            return client.complete(ASK);
        }
        StringBuilder text = new StringBuilder();
        client.stream(ASK, text::append);
        return text.toString();
    }

    @ParameterizedTest(name = "stream={0}")
    @ValueSource(booleans = {false, true})
    void aNormalReplyArrivesAndTheRequestIsTheProtocols(boolean stream) throws IOException {
        try (FakeChatServer server = new FakeChatServer(FakeChatServer.replying("What does ", "get read?"))) {
            assertEquals("What does get read?", ask(client(server, "sk-test"), stream));
            FakeChatServer.Received sent = server.received.get(0);
            assertEquals("/v1/chat/completions", sent.path());
            assertEquals("Bearer sk-test", sent.authorization());
            assertEquals("tiny", sent.body().path("model").asText());
            assertEquals(stream, sent.body().path("stream").asBoolean());
            assertEquals("be Socratic", sent.message("system"));
        }
    }

    @Test
    void streamedPiecesArriveOneByOne() throws IOException {
        try (FakeChatServer server = new FakeChatServer(FakeChatServer.replying("a", "b", "c"))) {
            List<String> pieces = new ArrayList<>();
            client(server, "").stream(ASK, pieces::add);
            assertEquals(List.of("a", "b", "c"), pieces);
            assertEquals(null, server.received.get(0).authorization(), "no key, no Authorization header");
        }
    }

    private static TutorException failure(FakeChatServer.Behaviour behaviour, boolean stream) throws IOException {
        try (FakeChatServer server = new FakeChatServer(behaviour)) {
            return assertThrows(TutorException.class, () -> ask(client(server, "bad"), stream));
        }
    }

    @ParameterizedTest(name = "stream={0}")
    @ValueSource(booleans = {false, true})
    void aRefusedKeySaysWhereToSetIt(boolean stream) throws IOException {
        TutorException e = failure((x, r) -> FakeChatServer.status(x, 401,
                "{\"error\":{\"message\":\"Incorrect API key provided\"}}"), stream);
        assertEquals(TutorException.Kind.BAD_KEY, e.kind());
        assertTrue(e.getMessage().contains("Incorrect API key provided"), e.getMessage());
        assertTrue(e.getMessage().contains("COMPANION_TUTOR_KEY"), e.getMessage());
    }

    @ParameterizedTest(name = "stream={0}")
    @ValueSource(booleans = {false, true})
    void rateLimitingReportsRetryAfter(boolean stream) throws IOException {
        TutorException e = failure((x, r) -> {
            x.getResponseHeaders().add("Retry-After", "7");
            FakeChatServer.status(x, 429, "{\"error\":{\"message\":\"Rate limit reached\"}}");
        }, stream);
        assertEquals(TutorException.Kind.RATE_LIMITED, e.kind());
        assertEquals(Duration.ofSeconds(7), e.retryAfter().orElseThrow());
        assertTrue(e.getMessage().contains("try again in 7 s"), e.getMessage());
    }

    @ParameterizedTest(name = "stream={0}")
    @ValueSource(booleans = {false, true})
    void aServerErrorIsReportedAsTheProviders(boolean stream) throws IOException {
        TutorException e = failure((x, r) -> FakeChatServer.status(x, 500, "{\"error\":\"model crashed\"}"), stream);
        assertEquals(TutorException.Kind.SERVER, e.kind());
        assertTrue(e.getMessage().contains("500 (model crashed)"), e.getMessage());
    }

    @ParameterizedTest(name = "stream={0}")
    @ValueSource(booleans = {false, true})
    void aSlowFirstByteTimesOut(boolean stream) throws IOException {
        TutorException e = failure((x, r) -> {
            Thread.sleep(5_000);
            FakeChatServer.replying("too late").answer(x, r);
        }, stream);
        assertEquals(TutorException.Kind.TIMEOUT, e.kind());
        assertTrue(e.getMessage().contains("timeoutSeconds"), e.getMessage());
    }

    @Test
    void aStreamThatStallsAfterItsHeadersTimesOut() throws IOException {
        TutorException e = failure((x, r) -> {
            OutputStream out = FakeChatServer.startStream(x);
            FakeChatServer.chunk(out, "Think");
            Thread.sleep(5_000);
        }, true);
        assertEquals(TutorException.Kind.TIMEOUT, e.kind());
    }

    @Test
    void aStreamCutBeforeDoneIsAProtocolError() throws IOException {
        TutorException e = failure((x, r) -> FakeChatServer.chunk(FakeChatServer.startStream(x), "Half a rep"), true);
        assertEquals(TutorException.Kind.PROTOCOL, e.kind());
        assertTrue(e.getMessage().contains("cut off"), e.getMessage());
    }

    @Test
    void aMalformedChunkIsAProtocolError() throws IOException {
        TutorException e = failure((x, r) -> FakeChatServer.send(FakeChatServer.startStream(x),
                "data: {\"choices\": [{\"delta\": \n\n"), true);
        assertEquals(TutorException.Kind.PROTOCOL, e.kind());
        assertTrue(e.getMessage().contains("not JSON"), e.getMessage());
    }

    @Test
    void nothingListeningIsUnreachableWithWhatToCheck() throws IOException {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        ChatClient client = new ChatClient(new TutorConfig("http://127.0.0.1:" + port + "/v1", "tiny", "",
                Duration.ofSeconds(2)));
        TutorException e = assertThrows(TutorException.class, () -> client.complete(ASK));
        assertEquals(TutorException.Kind.UNREACHABLE, e.kind());
        assertTrue(e.getMessage().contains("is the server running"), e.getMessage());
    }
}
