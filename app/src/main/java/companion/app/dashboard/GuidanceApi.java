package companion.app.dashboard;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import companion.app.guidance.Guidance;
import companion.app.guidance.TutorDesk;
import companion.course.guidance.Hint;
import companion.course.guidance.tutor.Tutor;
import companion.course.guidance.tutor.TutorConfig;
import companion.course.guidance.tutor.TutorException;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The hint and tutor endpoints of docs/dashboard-api.md ("Guidance"): the same {@link Guidance} and
 * {@link TutorDesk} the CLI's {@code hint} and {@code tutor} use, so a hint taken on the page counts in
 * {@code companion status} and the other way round.
 */
final class GuidanceApi {
    private final Guidance guidance;
    private final TutorDesk desk;
    private final ObjectMapper json;

    GuidanceApi(Guidance guidance, TutorDesk desk, ObjectMapper json) {
        this.guidance = guidance;
        this.desk = desk;
        this.json = json;
    }

    /** GET /api/hints/{id}: the levels shown so far and what unlocks the next; records nothing. */
    Map<String, Object> hints(String criterion) {
        Guidance.Shown current = guidance.current(criterion);
        List<Hint> shown = guidance.shownSoFar(criterion);
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("criterion", criterion);
        doc.put("shown", shown);
        doc.put("next", current.next());
        return doc;
    }

    /** POST /api/hints/{id}: the next hint, recorded in the history. */
    Map<String, Object> nextHint(String criterion) {
        return guidance.next(criterion).document();
    }

    /** GET /api/tutor: whether a provider is configured and consented to; never the key. */
    Map<String, Object> tutor() {
        Map<String, Object> doc = new LinkedHashMap<>();
        try {
            Optional<TutorConfig> config = desk.config();
            doc.put("configured", config.isPresent());
            doc.put("provider", config.map(TutorConfig::describe).orElse(null));
            doc.put("consented", config.map(desk::consented).orElse(false));
            doc.put("label", Tutor.LABEL);
            doc.put("help", config.isPresent() ? null : desk.howToConfigure());
        } catch (TutorException broken) {
            doc.put("configured", false);
            doc.put("help", broken.getMessage());
        }
        return doc;
    }

    /** POST /api/tutor/preview: exactly what asking would send, for the consent dialog. */
    Map<String, Object> preview(JsonNode body) {
        TutorDesk.Question q = desk.prepare(criterion(body), body.path("question").asText(""), true);
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("url", q.config().endpoint());
        doc.put("provider", q.config().describe());
        doc.put("keySent", !q.config().key().isEmpty());
        doc.put("body", q.body());
        doc.put("consented", desk.consented(q.config()));
        return doc;
    }

    /**
     * POST /api/tutor: asks, and streams the reply as JSON lines ({@code application/x-ndjson}), one per event:
     * {@code start}, {@code delta}..., then {@code done}, {@code withdrawn} or {@code error}.
     */
    void ask(Context ctx, JsonNode body) {
        String criterion = criterion(body);
        TutorDesk.Question q = desk.prepare(criterion, body.path("question").asText(""), true);
        if (!desk.consented(q.config())) {
            if (!body.path("consent").asBoolean(false)) {
                ctx.status(409).json(Map.of("error", "the learner has not agreed to send context to "
                        + q.config().describe() + ": show POST /api/tutor/preview, then send with \"consent\": true"));
                return;
            }
            desk.recordConsent(q.config());
        }
        ctx.status(200).contentType("application/x-ndjson; charset=utf-8");
        try {
            // The servlet's own stream, written and flushed line by line: Javalin's result would wait for the end.
            OutputStream out = ctx.res().getOutputStream();
            line(out, Map.of("type", "start", "provider", q.config().describe(), "label", Tutor.LABEL));
            try {
                Tutor.Reply reply = desk.ask(q, text -> line(out, Map.of("type", "delta", "text", text)));
                line(out, reply.withdrawn() ? Map.of("type", "withdrawn", "reason", reply.rejection(), "hint",
                        guidance.current(criterion).document()) : Map.of("type", "done"));
            } catch (TutorException e) {
                line(out, Map.of("type", "error", "kind", e.kind().name(), "error", e.getMessage(), "hint",
                        guidance.current(criterion).document()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("the page went away while the tutor answered", e);
        }
    }

    private void line(OutputStream out, Map<String, Object> event) {
        try {
            out.write((json.writeValueAsString(event) + "\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a tutor event", e);
        } catch (IOException e) {
            throw new UncheckedIOException("the page went away while the tutor answered", e);
        }
    }

    private static String criterion(JsonNode body) {
        String id = body.path("criterion").asText("");
        if (id.isBlank()) {
            throw new IllegalArgumentException("'criterion' is missing: which criterion is the question about?");
        }
        return id;
    }
}
