package companion.app.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import companion.app.workspace.Progress;
import companion.app.workspace.SourceFiles;
import companion.app.workspace.Workspace;
import companion.app.workspace.WorkspaceState;
import companion.course.catalog.Catalog;
import companion.course.catalog.CriterionSpec;
import companion.course.catalog.Milestone;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.commonmark.Extension;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;

/** The JSON documents the GET endpoints return (docs/dashboard-api.md), built from the workspace and catalog. */
final class Api {
    private final Workspace ws;
    private final Catalog catalog;
    private final Runs runs;
    private final Watcher watcher;
    private final SourceFiles files;

    Api(Workspace ws, Catalog catalog, Runs runs, Watcher watcher, SourceFiles files) {
        this.ws = ws;
        this.catalog = catalog;
        this.runs = runs;
        this.watcher = watcher;
        this.files = files;
    }

    Map<String, Object> status() {
        WorkspaceState state = ws.state();
        Progress progress = Progress.of(ws);
        List<Map<String, Object>> milestones = new ArrayList<>();
        for (Milestone m : catalog.milestones()) {
            String stateWord = !m.available() ? "unavailable" : !state.unlocked().contains(m.number()) ? "locked"
                    : progress.passed(m) ? "passed" : "in-progress";
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("number", m.number());
            entry.put("id", m.id());
            entry.put("title", m.title());
            entry.put("state", stateWord);
            entry.put("scaffoldTarget", m.scaffoldTarget());
            entry.put("passing", progress.passing(m));
            entry.put("total", m.criteria().size());
            entry.put("hintsUsed", progress.hintsUsed(m));
            milestones.add(entry);
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("workspace", ws.root().toAbsolutePath().toString());
        doc.put("milestone", state.milestone());
        doc.put("watching", watcher.enabled());
        doc.put("running", runs.running());
        doc.put("milestones", milestones);
        return doc;
    }

    Map<String, Object> lesson(int number) {
        String markdown = catalog.lesson(catalog.milestone(number));
        // The lessons use pipe tables (GitHub-flavoured Markdown), which plain CommonMark leaves as text.
        List<Extension> extensions = List.of(TablesExtension.create());
        String html = HtmlRenderer.builder().extensions(extensions).build()
                .render(Parser.builder().extensions(extensions).build().parse(markdown));
        return Map.of("milestone", number, "markdown", markdown, "html", html);
    }

    /** Every criterion of milestones 1..current with its latest result from the history. */
    Map<String, Object> criteria() {
        Map<String, JsonNode> latest = new HashMap<>();
        Map<String, Long> seeds = new HashMap<>();
        for (JsonNode entry : ws.history().entries()) {
            if ("test".equals(entry.path("kind").asText())) {
                for (JsonNode c : entry.path("criteria")) {
                    latest.put(c.path("id").asText(), c);
                    seeds.put(c.path("id").asText(), entry.path("seed").asLong());
                }
            }
        }
        List<String> paths = files.list();
        List<CriterionView> views = new ArrayList<>();
        int current = ws.state().milestone();
        for (Milestone m : catalog.milestones().subList(0, current)) {
            for (CriterionSpec spec : m.criteria()) {
                JsonNode r = latest.get(spec.id());
                views.add(r == null ? CriterionView.notRun(m, spec)
                        : CriterionView.ofHistory(m, spec, r, seeds.get(spec.id()), paths));
            }
        }
        return Map.of("milestone", current, "criteria", views);
    }

    Map<String, Object> file(String path) throws NoSuchFileException {
        String text = files.read(path);
        return Map.of("path", path, "text", text, "lines", text.lines().count());
    }
}
