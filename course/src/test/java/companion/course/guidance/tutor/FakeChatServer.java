package companion.course.guidance.tutor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A real HTTP server on loopback that speaks the chat-completions protocol the way a test tells it to: a normal
 * reply (whole or streamed), an error status, a slow start, a cut or malformed stream. It records every request.
 */
final class FakeChatServer implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** How the server answers one request. */
    interface Behaviour {
        void answer(HttpExchange exchange, JsonNode request) throws IOException, InterruptedException;
    }

    /** One request as received. */
    record Received(JsonNode body, String authorization, String path) {
        /** The content of the message with {@code role}. */
        String message(String role) {
            for (JsonNode m : body.path("messages")) {
                if (m.path("role").asText().equals(role)) {
                    return m.path("content").asText();
                }
            }
            return null;
        }
    }

    final List<Received> received = new CopyOnWriteArrayList<>();
    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();

    FakeChatServer(Behaviour behaviour) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(threads);
        server.createContext("/v1/chat/completions", exchange -> {
            try (exchange) {
                JsonNode request = JSON.readTree(exchange.getRequestBody());
                received.add(new Received(request, exchange.getRequestHeaders().getFirst("Authorization"),
                        exchange.getRequestURI().getPath()));
                behaviour.answer(exchange, request);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        server.start();
    }

    /** The base URL a {@link TutorConfig} takes. */
    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    /** A normal reply of {@code pieces}: one JSON document, or one SSE chunk per piece then [DONE]. */
    static Behaviour replying(String... pieces) {
        return (exchange, request) -> {
            if (request.path("stream").asBoolean()) {
                OutputStream out = startStream(exchange);
                for (String piece : pieces) {
                    chunk(out, piece);
                }
                send(out, "data: [DONE]\n\n");
            } else {
                String content = JSON.writeValueAsString(String.join("", pieces));
                status(exchange, 200, "{\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":"
                        + content + "},\"finish_reason\":\"stop\"}]}");
            }
        };
    }

    /** Starts a 200 text/event-stream response whose length is not known in advance. */
    static OutputStream startStream(HttpExchange exchange) throws IOException {
        exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
        exchange.sendResponseHeaders(200, 0);
        return exchange.getResponseBody();
    }

    /** One SSE chunk carrying {@code delta}, as OpenAI, Ollama and llama.cpp send it. */
    static void chunk(OutputStream out, String delta) throws IOException {
        send(out, "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":" + JSON.writeValueAsString(delta)
                + "}}]}\n\n");
    }

    static void send(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** A whole response with {@code status} and a JSON body. */
    static void status(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
