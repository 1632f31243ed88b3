package companion.app.workspace;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import companion.course.catalog.Catalog;
import companion.course.catalog.Milestone;
import companion.course.scaffold.ScaffoldedFile;
import companion.course.scaffold.Starter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A learner's workspace on disk (see the package doc for the layout).
 *
 * <pre>{@code
 * Workspace ws = Workspace.create(Path.of("my-database"), catalog);   // milestone 1's starter
 * ws.state().milestone();                                            // 1
 * }</pre>
 */
public final class Workspace {
    /** Where {@code start} and every command without {@code -w} look when the current directory is no workspace. */
    public static final Path DEFAULT_DIR = Path.of("my-database");

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Path root;

    private Workspace(Path root) {
        this.root = root;
    }

    /** The workspace a command should use: {@code explicit} if given, else the current directory if it is one. */
    public static Path locate(Path explicit) {
        if (explicit != null) {
            return explicit;
        }
        Path here = Path.of("").toAbsolutePath();
        return isWorkspace(here) ? here : DEFAULT_DIR.toAbsolutePath();
    }

    /** True when {@code dir} holds a {@code .companion/state.json}. */
    public static boolean isWorkspace(Path dir) {
        return Files.isRegularFile(dir.resolve(".companion/state.json"));
    }

    /**
     * Opens the workspace in {@code dir}.
     *
     * @throws IllegalArgumentException when {@code dir} is not a workspace, saying how to make one
     */
    public static Workspace open(Path dir) {
        if (!isWorkspace(dir)) {
            throw new IllegalArgumentException("no workspace at " + dir + ": make one with `companion init " + dir
                    + "`, or pass -w DIR");
        }
        return new Workspace(dir);
    }

    /**
     * Makes a new workspace at milestone 1 in {@code dir}, which must not exist or be empty.
     *
     * @throws IllegalArgumentException when {@code dir} already has files in it
     */
    public static Workspace create(Path dir, Catalog catalog) {
        try {
            if (Files.exists(dir)) {
                try (Stream<Path> entries = Files.list(dir)) {
                    if (entries.findAny().isPresent()) {
                        throw new IllegalArgumentException(dir + " already exists and is not empty: choose another"
                                + " directory, or use the workspace there with -w " + dir);
                    }
                }
            }
            Files.createDirectories(dir.resolve(".companion"));
            Workspace ws = new Workspace(dir);
            Milestone first = catalog.milestone(1);
            Map<String, String> hashes = new HashMap<>();
            ws.writeFresh("pom.xml", WorkspaceTemplates.pom(dir.getFileName().toString()), hashes);
            ws.writeFresh("README.md", WorkspaceTemplates.readme(), hashes);
            ws.writeFresh(".gitignore", "target/\n", hashes);
            ws.writeFresh("LESSON.md", catalog.lesson(first), hashes);
            for (ScaffoldedFile file : Starter.of(first).all()) {
                ws.writeFresh("src/main/java/" + file.path(), file.text(), hashes);
            }
            ws.saveState(new WorkspaceState(1, List.of(1), hashes));
            return ws;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the workspace in " + dir, e);
        }
    }

    /**
     * Adds milestone {@code next}'s lesson and starter files. A file the learner changed since it was written is
     * left alone; the new version goes beside it as {@code NAME.new}.
     *
     * @return one line per file written beside a changed one
     */
    public List<String> unlock(Milestone next, Catalog catalog) {
        WorkspaceState state = state();
        Map<String, String> hashes = new HashMap<>(state.starter());
        List<String> beside = new ArrayList<>();
        writeKeeping("LESSON.md", catalog.lesson(next), hashes, beside);
        for (ScaffoldedFile file : Starter.of(next).all()) {
            writeKeeping("src/main/java/" + file.path(), file.text(), hashes, beside);
        }
        List<Integer> unlocked = new ArrayList<>(state.unlocked());
        unlocked.add(next.number());
        saveState(new WorkspaceState(next.number(), unlocked, hashes));
        return beside;
    }

    private void writeFresh(String path, String text, Map<String, String> hashes) throws IOException {
        Path target = root.resolve(path);
        Files.createDirectories(target.getParent());
        Files.writeString(target, text, StandardCharsets.UTF_8);
        hashes.put(path, Hashes.sha256(text));
    }

    private void writeKeeping(String path, String text, Map<String, String> hashes, List<String> beside) {
        try {
            Path target = root.resolve(path);
            if (Files.exists(target)) {
                String current = Files.readString(target, StandardCharsets.UTF_8);
                if (current.equals(text)) {
                    return;
                }
                if (!Hashes.sha256(current).equals(hashes.get(path))) {
                    Files.writeString(root.resolve(path + ".new"), text, StandardCharsets.UTF_8);
                    beside.add(path + " is yours (changed since it was written): the new version is "
                            + path + ".new; merge what you need by hand");
                    return;
                }
            }
            writeFresh(path, text, hashes);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + path + " in " + root, e);
        }
    }

    public Path root() {
        return root;
    }

    /** {@code src/main/java}: what {@code companion test} compiles. */
    public Path sources() {
        return root.resolve("src/main/java");
    }

    /** {@code target/classes}: where it compiles to, as Maven would. */
    public Path classes() {
        return root.resolve("target/classes");
    }

    public History history() {
        return new History(root.resolve(".companion/history.jsonl"));
    }

    public WorkspaceState state() {
        Path file = root.resolve(".companion/state.json");
        try {
            return JSON.readValue(file.toFile(), WorkspaceState.class);
        } catch (IOException e) {
            throw new IllegalStateException(file + " is damaged (" + e.getMessage().lines().findFirst().orElse("")
                    + "): fix it by hand or make a new workspace", e);
        }
    }

    void saveState(WorkspaceState state) {
        Path file = root.resolve(".companion/state.json");
        try {
            Path temp = file.resolveSibling("state.json.tmp");
            JSON.writeValue(temp.toFile(), state);
            Files.move(temp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** The commit checked out in the workspace, when it is a git repository; read from .git, no git needed. */
    public Optional<String> gitCommit() {
        Path git = root.resolve(".git");
        try {
            if (!Files.isDirectory(git)) {
                return Optional.empty();
            }
            String head = Files.readString(git.resolve("HEAD")).strip();
            if (!head.startsWith("ref: ")) {
                return Optional.of(head);
            }
            String ref = head.substring(5);
            Path loose = git.resolve(ref);
            if (Files.exists(loose)) {
                return Optional.of(Files.readString(loose).strip());
            }
            Path packed = git.resolve("packed-refs");
            if (Files.exists(packed)) {
                return Files.readAllLines(packed).stream().filter(l -> l.endsWith(" " + ref))
                        .map(l -> l.substring(0, l.indexOf(' '))).findFirst();
            }
            return Optional.empty(); // a new repository without commits
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
