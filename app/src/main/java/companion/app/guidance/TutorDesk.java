package companion.app.guidance;

import com.fasterxml.jackson.databind.ObjectMapper;
import companion.app.workspace.SourceFiles;
import companion.app.workspace.Workspace;
import companion.course.catalog.Catalog;
import companion.course.catalog.CriterionSpec;
import companion.course.catalog.Milestone;
import companion.course.guidance.Failure;
import companion.course.guidance.HintBook;
import companion.course.guidance.LessonSections;
import companion.course.guidance.tutor.ChatClient;
import companion.course.guidance.tutor.ChatMessage;
import companion.course.guidance.tutor.Prompt;
import companion.course.guidance.tutor.SolutionText;
import companion.course.guidance.tutor.Tutor;
import companion.course.guidance.tutor.TutorConfig;
import companion.course.guidance.tutor.TutorException;
import companion.course.scaffold.Starter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The AI tutor for one workspace: its provider, the learner's consent, the context of a question, and the local
 * log of what was sent.
 *
 * <pre>
 *   .companion/tutor.json           the provider (optional; environment variables work too), see TutorConfig
 *   .companion/tutor-consent.json   {"url": ..., "model": ..., "time": ...}: consent to send context there
 *   .companion/tutor-log.jsonl      one line per question: time, url, model, the exact request body, the reply
 * </pre>
 *
 * A new url or model needs consent again. The key is never logged or shown.
 */
public final class TutorDesk {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Workspace ws;
    private final Catalog catalog;
    private final Guidance guidance;
    private final Map<String, String> env;
    private final Clock clock;

    public TutorDesk(Workspace ws, Catalog catalog, Guidance guidance, Map<String, String> env, Clock clock) {
        this.ws = ws;
        this.catalog = catalog;
        this.guidance = guidance;
        this.env = env;
        this.clock = clock;
    }

    /**
     * A question ready to go: the provider, and the exact messages and body that will be sent.
     *
     * @param body the JSON body as sent (and as shown for consent and logged)
     */
    public record Question(TutorConfig config, String criterion, List<ChatMessage> messages, String body,
                           boolean stream) {
    }

    /** The provider, if one is configured. */
    public Optional<TutorConfig> config() {
        return TutorConfig.resolve(configFile(), env);
    }

    /** @throws TutorException NOT_CONFIGURED, saying how to configure one */
    public TutorConfig requireConfig() {
        return config().orElseThrow(() -> new TutorException(TutorException.Kind.NOT_CONFIGURED, howToConfigure()));
    }

    /** What to do to use the tutor, naming this workspace's file. */
    public String howToConfigure() {
        return TutorConfig.howToConfigure(configFile());
    }

    /** Builds the question for {@code criterion}: lesson section, failure, hint level, files, the question. */
    public Question prepare(String criterion, String question, boolean stream) {
        if (question == null || question.isBlank()) {
            throw new IllegalArgumentException("the question is empty: ask something, e.g. \"why is my file empty?\"");
        }
        TutorConfig config = requireConfig();
        Milestone milestone = catalog.milestoneOf(criterion);
        CriterionSpec spec = milestone.criterion(criterion).orElseThrow();
        String heading = HintBook.load().ladder(criterion).orElseThrow().lesson();
        String lesson = LessonSections.section(catalog.lesson(milestone), heading).orElse(spec.checks());
        Guidance.Shown hint = guidance.current(criterion);
        int level = guidance.shownSoFar(criterion).size();
        Prompt.Context context = new Prompt.Context(criterion, spec.title(),
                guidance.latestFailure(criterion).map(Failure::message).orElse(null),
                guidance.repro(criterion).orElse(null), lesson, level, level == 0 ? null : hint.hint().text(),
                files(milestone, guidance.latestFailure(criterion)), question);
        List<ChatMessage> messages = Prompt.messages(context);
        return new Question(config, criterion, messages, new ChatClient(config).requestBody(messages, stream), stream);
    }

    /** True when the learner agreed to send context to this provider (same url and model). */
    public boolean consented(TutorConfig config) {
        Path file = ws.root().resolve(".companion/tutor-consent.json");
        try {
            if (!Files.exists(file)) {
                return false;
            }
            var consent = JSON.readTree(file.toFile());
            return config.url().equals(consent.path("url").asText()) && config.model().equals(
                    consent.path("model").asText());
        } catch (IOException e) {
            return false; // unreadable consent is no consent: the learner is simply asked again
        }
    }

    /** Remembers that the learner agreed to send context to {@code config}'s provider. */
    public void recordConsent(TutorConfig config) {
        Map<String, String> consent = new LinkedHashMap<>();
        consent.put("url", config.url());
        consent.put("model", config.model());
        consent.put("time", clock.instant().toString());
        write(ws.root().resolve(".companion/tutor-consent.json"), JSON.valueToTree(consent).toPrettyString() + "\n",
                false);
    }

    /**
     * Sends {@code question} (consent must have been given) and passes the checked reply to {@code shown}.
     *
     * @throws IllegalStateException without consent
     * @throws TutorException when the provider cannot be used
     */
    public Tutor.Reply ask(Question question, Consumer<String> shown) {
        if (!consented(question.config())) {
            throw new IllegalStateException("the learner has not agreed to send context to "
                    + question.config().describe());
        }
        Tutor tutor = new Tutor(new ChatClient(question.config()),
                SolutionText.of(catalog.milestoneOf(question.criterion()).id()));
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("time", clock.instant().toString());
        line.put("url", question.config().endpoint());
        line.put("model", question.config().model());
        line.put("criterion", question.criterion());
        try {
            line.put("request", JSON.readTree(question.body()));
            Tutor.Reply reply = tutor.ask(question.messages(), question.stream(), shown);
            line.put("reply", reply.raw());
            line.put("withdrawn", reply.rejection());
            return reply;
        } catch (TutorException e) {
            line.put("error", e.getMessage());
            throw e;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            write(ws.root().resolve(".companion/tutor-log.jsonl"), JSON.valueToTree(line).toString() + "\n", true);
        }
    }

    /**
     * The learner's files worth sending, most relevant first: the one the failure points at, then those that differ
     * from the milestone's starter (what the learner wrote), then the milestone's other files. The api (given,
     * unchanged) is left out. Simpler than a diff since the last green run, and a model reads whole files better.
     */
    private Map<String, String> files(Milestone milestone, Optional<Failure> failure) {
        List<String> all = new SourceFiles(ws.sources()).list();
        Map<String, String> given = new LinkedHashMap<>();
        if (milestone.available()) {
            Starter.of(milestone).all().forEach(f -> given.put(f.path(), f.text()));
        }
        List<String> ordered = new ArrayList<>();
        failure.flatMap(Failure::frame).map(f -> f.substring(f.indexOf('(') + 1, f.indexOf(':')))
                .ifPresent(name -> all.stream().filter(p -> p.endsWith("/" + name)).forEach(ordered::add));
        all.stream().filter(p -> !ordered.contains(p) && !read(p).equals(given.get(p))).forEach(ordered::add);
        milestone.sourcePaths().stream().filter(all::contains).filter(p -> !ordered.contains(p)).forEach(ordered::add);
        Map<String, String> files = new LinkedHashMap<>();
        ordered.stream().filter(p -> !p.startsWith("companion/api/")).forEach(p -> files.put(p, read(p)));
        return files;
    }

    private String read(String path) {
        try {
            return new SourceFiles(ws.sources()).read(path);
        } catch (NoSuchFileException e) {
            throw new UncheckedIOException("cannot read " + path + " under " + ws.sources(), e);
        }
    }

    private Path configFile() {
        return ws.root().resolve(TutorConfig.FILE);
    }

    private static void write(Path file, String text, boolean append) {
        try {
            Files.createDirectories(file.getParent());
            if (append) {
                Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND);
            } else {
                Files.writeString(file, text, StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
