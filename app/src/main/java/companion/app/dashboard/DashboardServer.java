package companion.app.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import companion.app.guidance.Guidance;
import companion.app.guidance.TutorDesk;
import companion.app.workspace.SourceFiles;
import companion.app.workspace.Workspace;
import companion.course.catalog.Catalog;
import companion.course.guidance.HintBook;
import companion.course.guidance.tutor.TutorException;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.staticfiles.Location;
import io.javalin.json.JavalinJackson;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The dashboard's HTTP server: the page, the JSON API and the event stream of docs/dashboard-api.md.
 *
 * <pre>{@code
 * try (DashboardServer server = DashboardServer.start(ws, "127.0.0.1", 7070)) {
 *     System.out.println(server.url());   // http://127.0.0.1:7070/
 *     server.join();
 * }
 * }</pre>
 *
 * Security: bound to loopback by default; every POST needs the page's per-start token in {@code X-Companion-Token}
 * and, when the browser sends an Origin, this server's own; source files are read through {@link SourceFiles}.
 */
public final class DashboardServer implements AutoCloseable {
    static final String TOKEN_HEADER = "X-Companion-Token";

    private final Javalin app;
    private final Runs runs;
    private final Watcher watcher;
    private final String url;

    private DashboardServer(Javalin app, Runs runs, Watcher watcher, String url) {
        this.app = app;
        this.runs = runs;
        this.watcher = watcher;
        this.url = url;
    }

    /**
     * Serves {@code ws} on {@code host}:{@code port} (port 0: any free port) and starts watch mode.
     *
     * @throws IllegalStateException when the port is taken, saying which
     */
    public static DashboardServer start(Workspace ws, String host, int port) {
        Catalog catalog = Catalog.load();
        ObjectMapper json = new ObjectMapper();
        EventHub hub = new EventHub(json);
        Runs runs = new Runs(ws, catalog, hub);
        Watcher watcher = new Watcher(ws.sources(), paths -> {
            hub.broadcast("files-changed", Map.of("paths", paths));
            runs.startTest("watch", null);
        });
        watcher.start();
        String token = HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
        Api api = new Api(ws, catalog, runs, watcher, new SourceFiles(ws.sources()));
        Guidance guidance = new Guidance(ws, catalog, HintBook.load(), Clock.systemUTC());
        GuidanceApi guide = new GuidanceApi(guidance,
                new TutorDesk(ws, catalog, guidance, System.getenv(), Clock.systemUTC()), json);
        String page = indexHtml().replace("{{TOKEN}}", token);

        Javalin app = Javalin.create(config -> {
            config.showJavalinBanner = false;
            config.jsonMapper(new JavalinJackson(json, false));
            config.staticFiles.add(files -> {
                files.hostedPath = "/static";
                files.directory = "/companion/dashboard";
                files.location = Location.CLASSPATH;
            });
        });
        app.before("/api/*", ctx -> guard(ctx, token));
        app.get("/", ctx -> ctx.html(page));
        app.get("/api/status", ctx -> ctx.json(api.status()));
        app.get("/api/milestones/{n}/lesson", ctx -> ctx.json(api.lesson(Integer.parseInt(ctx.pathParam("n")))));
        app.get("/api/criteria", ctx -> ctx.json(api.criteria()));
        app.get("/api/history", ctx -> ctx.json(Map.of("entries", ws.history().entries())));
        app.get("/api/files", ctx -> ctx.json(Map.of("files", new SourceFiles(ws.sources()).list())));
        app.get("/api/files/<path>", ctx -> ctx.json(api.file(ctx.pathParam("path"))));
        app.get("/api/hints/{criterion}", ctx -> ctx.json(guide.hints(ctx.pathParam("criterion"))));
        app.post("/api/hints/{criterion}", ctx -> ctx.json(guide.nextHint(ctx.pathParam("criterion"))));
        app.get("/api/tutor", ctx -> ctx.json(guide.tutor()));
        app.post("/api/tutor/preview", ctx -> ctx.json(guide.preview(body(ctx, json))));
        app.post("/api/tutor", ctx -> guide.ask(ctx, body(ctx, json)));
        app.post("/api/test", ctx -> accepted(ctx, runs.startTest("button", stringList(body(ctx, json), "only"))));
        app.post("/api/bench", ctx -> {
            JsonNode body = body(ctx, json);
            accepted(ctx, runs.startBench(body.path("ops").asInt(1000), stringList(body, "engines")));
        });
        app.post("/api/watch", ctx -> {
            watcher.setEnabled(body(ctx, json).path("enabled").asBoolean(true));
            ctx.json(Map.of("watching", watcher.enabled()));
        });
        app.sse("/api/events", hub::add);
        app.exception(IllegalArgumentException.class, (e, ctx) -> ctx.status(400).json(error(e)));
        app.exception(TutorException.class, (e, ctx) -> ctx.status(400).json(error(e))); // not configured
        app.exception(NoSuchFileException.class, (e, ctx) -> ctx.status(404).json(Map.of("error",
                "no file " + e.getMessage() + " under src/main/java")));
        app.exception(Exception.class, (e, ctx) -> ctx.status(500).json(error(e)));
        try {
            app.start(host, port);
        } catch (RuntimeException e) {
            watcher.close();
            runs.close();
            throw new IllegalStateException("cannot serve on " + host + ":" + port + " (" + e.getMessage()
                    + "): is another dashboard running? Try --port", e);
        }
        return new DashboardServer(app, runs, watcher, "http://" + host + ":" + app.port() + "/");
    }

    /** Refuses a POST without the page's token, or from another origin (a page elsewhere driving this server). */
    private static void guard(Context ctx, String token) {
        if (!ctx.method().name().equals("POST")) {
            return;
        }
        String origin = ctx.header("Origin");
        String self = "http://" + ctx.host();
        if (origin != null && !origin.equals(self)) {
            ctx.status(403).json(Map.of("error", "cross-origin request refused (Origin " + origin + ")"));
            ctx.skipRemainingHandlers();
        } else if (!token.equals(ctx.header(TOKEN_HEADER))) {
            ctx.status(403).json(Map.of("error", "missing or wrong " + TOKEN_HEADER + ": reload the page"));
            ctx.skipRemainingHandlers();
        }
    }

    private static void accepted(Context ctx, java.util.Optional<Long> run) {
        if (run.isPresent()) {
            ctx.status(202).json(Map.of("run", run.get()));
        } else {
            ctx.status(409).json(Map.of("error", "a run is already in progress"));
        }
    }

    private static JsonNode body(Context ctx, ObjectMapper json) {
        String text = ctx.body();
        if (text.isBlank()) {
            return json.createObjectNode();
        }
        try {
            return json.readTree(text);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("the request body is not JSON: " + e.getOriginalMessage());
        }
    }

    private static List<String> stringList(JsonNode body, String field) {
        JsonNode node = body.path(field);
        if (node.isMissingNode() || node.isNull()) {
            return null;
        }
        if (!node.isArray()) {
            throw new IllegalArgumentException("'" + field + "' must be a list of strings");
        }
        return java.util.stream.StreamSupport.stream(node.spliterator(), false).map(JsonNode::asText).toList();
    }

    private static Map<String, String> error(Exception e) {
        return Map.of("error", String.valueOf(e.getMessage()));
    }

    private static String indexHtml() {
        try (InputStream in = DashboardServer.class.getResourceAsStream("/companion/dashboard/index.html")) {
            if (in == null) {
                throw new IllegalStateException("the dashboard page is missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the dashboard page", e);
        }
    }

    /** Where the page is, e.g. {@code http://127.0.0.1:7070/}. */
    public String url() {
        return url;
    }

    /** The hosts that need no warning: only this machine can reach them. */
    public static boolean isLoopback(String host) {
        return Set.of("127.0.0.1", "localhost", "::1", "[::1]").contains(host);
    }

    /** Blocks until the process is stopped (Ctrl-C). */
    public void join() throws InterruptedException {
        Thread.currentThread().join();
    }

    @Override
    public void close() {
        watcher.close();
        runs.close();
        app.stop();
    }
}
