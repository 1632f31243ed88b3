package companion.app.cli;

import companion.app.guidance.Guidance;
import companion.app.guidance.TutorDesk;
import companion.app.workspace.Workspace;
import companion.course.catalog.Catalog;
import companion.course.guidance.HintBook;
import companion.course.guidance.tutor.Tutor;
import companion.course.guidance.tutor.TutorException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code companion tutor [CRITERION] "QUESTION"}: asks the optional AI tutor, streaming its reply as it arrives.
 *
 * <p>Before the first question to a provider it prints exactly what will be sent and asks for consent ({@code --yes}
 * agrees without asking, for scripts); the consent is remembered in the workspace. A reply the local filter
 * rejects is withdrawn and the offline hint is shown instead. Exit 0 when a reply (or the fallback hint) was shown,
 * 1 when the provider could not be used or consent was refused, 2 when no tutor is configured.
 */
@Command(name = "tutor", description = "Ask the optional AI tutor about a failing criterion (needs a provider; see"
        + " docs/guidance.md).")
final class TutorCommand implements Callable<Integer> {
    @Mixin
    WorkspaceOption workspace;

    @Parameters(arity = "1..2", paramLabel = "[CRITERION] QUESTION",
            description = "The criterion (default: the first failing one of the last run), then your question.")
    List<String> words;

    @Option(names = "--yes", description = "Agree to send the context without being asked (for scripts).")
    boolean yes;

    @Option(names = "--no-stream", description = "Wait for the whole reply instead of streaming it.")
    boolean noStream;

    @Override
    public Integer call() throws IOException {
        Workspace ws = workspace.open();
        Catalog catalog = Catalog.load();
        Guidance guidance = new Guidance(ws, catalog, HintBook.load(), Clock.systemUTC());
        TutorDesk desk = new TutorDesk(ws, catalog, guidance, System.getenv(), Clock.systemUTC());
        String question = words.get(words.size() - 1);
        String criterion = words.size() == 2 ? words.get(0) : guidance.firstFailing().orElseThrow(() ->
                new IllegalArgumentException("no failing criterion in your last run: name one, e.g. companion tutor"
                        + " put-and-get \"" + question + "\""));
        PrintStream out = System.out;
        TutorDesk.Question prepared;
        try {
            prepared = desk.prepare(criterion, question, !noStream);
        } catch (TutorException e) {
            System.err.println("companion: " + e.getMessage());
            return e.kind() == TutorException.Kind.NOT_CONFIGURED ? 2 : 1;
        }
        if (!desk.consented(prepared.config()) && !consent(desk, prepared, out)) {
            out.println("Nothing was sent. The offline hints need no provider: companion hint " + criterion);
            return 1;
        }
        out.println("Asking " + prepared.config().describe() + " (" + prepared.body().length()
                + " characters sent; every request is logged in .companion/tutor-log.jsonl)");
        out.println("── " + Tutor.LABEL + " ──");
        try {
            Tutor.Reply reply = desk.ask(prepared, text -> {
                out.print(text);
                out.flush();
            });
            out.println();
            if (reply.withdrawn()) {
                out.println("[reply withdrawn: " + reply.rejection() + "]");
                fallback(guidance, criterion, out);
            }
            return 0;
        } catch (TutorException e) {
            out.println();
            System.err.println("companion: " + e.getMessage());
            fallback(guidance, criterion, out);
            return 1;
        }
    }

    /** Shows what will be sent and asks; true (and remembered) on yes. */
    private boolean consent(TutorDesk desk, TutorDesk.Question prepared, PrintStream out) throws IOException {
        if (!yes) {
            out.println("The AI tutor is about to send this to " + prepared.config().endpoint()
                    + (prepared.config().key().isEmpty() ? "" : " (with your key in the Authorization header)") + ":");
            out.println(prepared.body());
            out.print("Send it, and allow sending such context to " + prepared.config().describe()
                    + " from now on? [y/N] ");
            out.flush();
            String answer = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            if (answer == null || !answer.strip().toLowerCase(Locale.ROOT).startsWith("y")) {
                return false;
            }
        }
        // The desk refuses to send without a recorded consent: --yes records it like a typed "y".
        desk.recordConsent(prepared.config());
        return true;
    }

    private static void fallback(Guidance guidance, String criterion, PrintStream out) {
        Guidance.Shown shown = guidance.current(criterion);
        out.println("The offline hint instead (" + shown.hint().heading() + "):");
        shown.hint().text().lines().forEach(line -> out.println("  " + line));
    }
}
