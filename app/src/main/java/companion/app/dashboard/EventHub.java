package companion.app.dashboard;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.sse.SseClient;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The open server-sent event streams ({@code GET /api/events}), and broadcasting one event to all of them.
 * A client whose connection has gone is dropped the next time it fails to receive.
 */
final class EventHub {
    static final long HEARTBEAT_MILLIS = 15_000;

    private final ObjectMapper json;
    /** Thread-safe: added by Jetty's threads, broadcast to from the run worker and the watcher. */
    private final Set<SseClient> clients = ConcurrentHashMap.newKeySet();

    EventHub(ObjectMapper json) {
        this.json = json;
        // A comment every 15 s keeps idle streams open through Jetty's idle timeout and any proxy.
        Thread heartbeat = new Thread(() -> {
            while (true) {
                try {
                    Thread.sleep(HEARTBEAT_MILLIS);
                } catch (InterruptedException e) {
                    return;
                }
                clients.forEach(client -> {
                    if (!client.terminated()) {
                        client.sendComment("heartbeat");
                    }
                });
            }
        }, "dashboard-heartbeat");
        heartbeat.setDaemon(true);
        heartbeat.start();
    }

    void add(SseClient client) {
        clients.add(client);
        client.onClose(() -> clients.remove(client));
        client.keepAlive();
    }

    /** Sends {@code event} with {@code data} as JSON to every open stream. */
    void broadcast(String event, Object data) {
        String text;
        try {
            text = json.writeValueAsString(data);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write event " + event, e);
        }
        for (SseClient client : clients) {
            if (client.terminated()) {
                clients.remove(client);
            } else {
                client.sendEvent(event, text);
            }
        }
    }

    int size() {
        return clients.size();
    }
}
