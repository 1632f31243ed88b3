package companion.course.compile;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Compiles every {@code .java} file under a source root into a class directory, for Java 17, in this JVM.
 *
 * <pre>{@code
 * List<CompileError> errors = SourceCompiler.compile(ws.resolve("src/main/java"), ws.resolve("target/classes"),
 *         List.of(), ws);
 * errors.forEach(System.out::println);   // src/main/java/companion/database/kv/KVStore.java:41:9: ';' expected
 * }</pre>
 */
public final class SourceCompiler {
    private SourceCompiler() {
    }

    /**
     * Compiles the sources under {@code sourceRoot} into {@code classes}.
     *
     * @param classpath extra classpath entries
     * @param shownFrom paths in errors are shown relative to this directory
     * @return the errors; empty means it compiled
     * @throws IllegalStateException when this Java runtime has no compiler (a JRE, not a JDK)
     */
    public static List<CompileError> compile(Path sourceRoot, Path classes, List<Path> classpath, Path shownFrom) {
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        if (compiler == null) {
            throw new IllegalStateException("this Java runtime has no compiler: run companion with a JDK 17");
        }
        List<Path> sources;
        try (Stream<Path> walk = Files.walk(sourceRoot)) {
            sources = walk.filter(p -> p.toString().endsWith(".java")).sorted().collect(Collectors.toList());
            Files.createDirectories(classes);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read sources under " + sourceRoot, e);
        }
        if (sources.isEmpty()) {
            return List.of(new CompileError(shownFrom.relativize(sourceRoot).toString(), 0, 0, "no .java files here"));
        }
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager files = compiler.getStandardFileManager(diagnostics, Locale.ROOT,
                StandardCharsets.UTF_8)) {
            List<String> options = new ArrayList<>(List.of("--release", "17", "-d", classes.toString(),
                    "-encoding", "UTF-8", "-g", "-proc:none", "-implicit:none"));
            if (!classpath.isEmpty()) {
                options.add("-classpath");
                options.add(classpath.stream().map(Path::toString)
                        .collect(Collectors.joining(System.getProperty("path.separator"))));
            }
            StringWriter stray = new StringWriter();
            compiler.getTask(stray, files, diagnostics, options, null, files.getJavaFileObjectsFromPaths(sources))
                    .call();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close the compiler's file manager", e);
        }
        List<CompileError> errors = new ArrayList<>();
        for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
            if (d.getKind() != Diagnostic.Kind.ERROR) {
                continue;
            }
            String file = d.getSource() == null ? "" : shownFrom.relativize(Path.of(d.getSource().toUri())).toString();
            String message = d.getMessage(Locale.ROOT).lines().findFirst().orElse("");
            errors.add(new CompileError(file, Math.max(0, d.getLineNumber()), Math.max(0, d.getColumnNumber()), message));
        }
        return errors;
    }
}
