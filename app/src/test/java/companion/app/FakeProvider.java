package companion.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A local OpenAI-compatible provider for the app's tests: it streams a fixed reply, word by word, to every
 * {@code POST /v1/chat/completions} (or sends it whole when the request does not ask for a stream) and keeps the
 * request bodies. The protocol's corner cases are tested in the course module (ChatClientTest).
 */
public final class FakeProvider implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The bodies received, in order. */
    public final List<JsonNode> requests = new CopyOnWriteArrayList<>();
    private final HttpServer server;

    public FakeProvider(String reply) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/v1/chat/completions", exchange -> {
            try (exchange) {
                JsonNode request = JSON.readTree(exchange.getRequestBody());
                requests.add(request);
                boolean stream = request.path("stream").asBoolean();
                exchange.getResponseHeaders().add("Content-Type", stream ? "text/event-stream" : "application/json");
                exchange.sendResponseHeaders(200, 0);
                OutputStream out = exchange.getResponseBody();
                if (!stream) {
                    out.write(JSON.writeValueAsBytes(JSON.createObjectNode().set("choices", JSON.createArrayNode()
                            .add(JSON.createObjectNode().set("message", JSON.createObjectNode().put("content", reply))))));
                    return;
                }
                for (String word : reply.split("(?<= )")) {
                    String delta = JSON.createObjectNode().set("choices", JSON.createArrayNode().add(
                            JSON.createObjectNode().set("delta", JSON.createObjectNode().put("content", word)))).toString();
                    out.write(("data: " + delta + "\n\n").getBytes(StandardCharsets.UTF_8));
                    out.flush();
                }
                out.write("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));
            }
        });
        server.start();
    }

    /** Points {@code workspace}'s tutor at this provider (.companion/tutor.json). */
    public void configure(Path workspace) throws IOException {
        Files.writeString(workspace.resolve(".companion/tutor.json"), "{\"url\": \"http://127.0.0.1:"
                + server.getAddress().getPort() + "/v1\", \"model\": \"fake-tutor\", \"timeoutSeconds\": 10}");
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
