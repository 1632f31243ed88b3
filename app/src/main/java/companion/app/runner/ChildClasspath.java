package companion.app.runner;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * The classpath of the child JVM that runs criteria. It is this program's own classpath (course, JUnit, Jackson,
 * the api) with the reference database either kept ({@link #reference()}) or replaced by the learner's classes
 * ({@link #learner(Path)}): a learner's missing class must fail, never fall back to the reference's.
 */
public final class ChildClasspath {
    private static final String REFERENCE_CLASS = "companion.database.kv.KVStore";

    private ChildClasspath() {
    }

    /** This program's classpath, with the reference database. */
    public static String reference() {
        return join(ownEntries());
    }

    /** This program's classpath without the reference database, with {@code learnerClasses} after the api. */
    public static String learner(Path learnerClasses) {
        Path referenceEntry = referenceEntry();
        List<Path> entries = new ArrayList<>();
        for (Path entry : ownEntries()) {
            if (!entry.equals(referenceEntry)) {
                entries.add(entry);
            }
        }
        entries.add(learnerClasses.toAbsolutePath());
        return join(entries);
    }

    /** Every entry of the running program's classpath, with a launcher jar's manifest Class-Path expanded. */
    static List<Path> ownEntries() {
        List<Path> entries = new ArrayList<>();
        for (String part : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (part.isEmpty()) {
                continue;
            }
            Path path = Path.of(part).toAbsolutePath().normalize();
            List<Path> expanded = manifestClassPath(path);
            if (expanded.isEmpty()) {
                entries.add(path);
            } else {
                // A launcher jar (companion.jar, surefire's booter): its manifest would pull in every entry,
                // the reference database included, so the child gets the entries one by one instead.
                entries.addAll(expanded);
            }
        }
        return entries;
    }

    private static List<Path> manifestClassPath(Path jar) {
        if (!jar.toString().endsWith(".jar")) {
            return List.of();
        }
        try (JarFile file = new JarFile(jar.toFile())) {
            Manifest manifest = file.getManifest();
            String classPath = manifest == null ? null : manifest.getMainAttributes().getValue(Attributes.Name.CLASS_PATH);
            if (classPath == null) {
                return List.of();
            }
            List<Path> entries = new ArrayList<>();
            for (String entry : classPath.trim().split("\\s+")) {
                // Relative paths (our jar's lib/x.jar) or file: URLs (surefire's booter jar).
                entries.add(entry.startsWith("file:") ? Path.of(java.net.URI.create(entry))
                        : jar.getParent().resolve(entry).normalize());
            }
            return entries;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the manifest of " + jar, e);
        }
    }

    /** Where the reference database's classes come from: a jar, or a classes directory in a build. */
    private static Path referenceEntry() {
        try {
            CodeSource source = Class.forName(REFERENCE_CLASS).getProtectionDomain().getCodeSource();
            return Path.of(source.getLocation().toURI()).toAbsolutePath().normalize();
        } catch (ClassNotFoundException | URISyntaxException e) {
            throw new IllegalStateException("the reference database is not on companion's classpath", e);
        }
    }

    private static String join(List<Path> entries) {
        return String.join(File.pathSeparator, entries.stream().map(Path::toString).toList());
    }
}
