package companion.app.dashboard;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Watch mode: notices saves under {@code src/main/java} and, once the saves have settled for {@link #QUIET_MILLIS}
 * (an editor often writes a file in several steps), reports the changed paths. New directories are watched as
 * they appear. Where the file system cannot be watched, {@link #start()} returns false and the page's "Run tests"
 * button is the way to re-run.
 */
final class Watcher implements AutoCloseable {
    static final long QUIET_MILLIS = 400;

    private final Path root;
    private final Consumer<List<String>> onChange;
    private volatile boolean enabled = true;
    private WatchService service;
    private Thread thread;

    Watcher(Path sources, Consumer<List<String>> onChange) {
        this.root = sources.toAbsolutePath().normalize();
        this.onChange = onChange;
    }

    /** Starts watching; false when this file system does not support it. */
    boolean start() {
        try {
            service = FileSystems.getDefault().newWatchService();
            registerTree(root);
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
        thread = new Thread(this::loop, "dashboard-watch");
        thread.setDaemon(true);
        thread.start();
        return true;
    }

    boolean enabled() {
        return enabled && thread != null;
    }

    void setEnabled(boolean on) {
        enabled = on;
    }

    private void registerTree(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> dirs = Files.walk(dir)) {
            for (Path d : dirs.filter(Files::isDirectory).toList()) {
                d.register(service, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY,
                        StandardWatchEventKinds.ENTRY_DELETE);
            }
        }
    }

    private void loop() {
        try {
            while (true) {
                Set<String> changed = new LinkedHashSet<>();
                drain(service.take(), changed);
                // Debounce: keep collecting until the tree has been quiet for a moment.
                for (WatchKey more = service.poll(QUIET_MILLIS, TimeUnit.MILLISECONDS); more != null;
                     more = service.poll(QUIET_MILLIS, TimeUnit.MILLISECONDS)) {
                    drain(more, changed);
                }
                if (enabled && !changed.isEmpty()) {
                    onChange.accept(List.copyOf(changed));
                }
            }
        } catch (InterruptedException | ClosedWatchServiceException e) {
            // closed: the dashboard is stopping
        }
    }

    private void drain(WatchKey key, Set<String> changed) {
        Path dir = (Path) key.watchable();
        for (WatchEvent<?> event : key.pollEvents()) {
            if (event.kind() == StandardWatchEventKinds.OVERFLOW) {
                changed.add("(many files)");
                continue;
            }
            Path path = dir.resolve((Path) event.context());
            if (event.kind() == StandardWatchEventKinds.ENTRY_CREATE && Files.isDirectory(path)) {
                try {
                    registerTree(path);
                } catch (IOException ignored) {
                    // a directory that vanished at once: nothing to watch
                }
            }
            if (path.toString().endsWith(".java")) {
                changed.add(root.relativize(path).toString().replace('\\', '/'));
            }
        }
        key.reset();
    }

    @Override
    public void close() {
        try {
            if (service != null) {
                service.close();
            }
        } catch (IOException ignored) {
            // closing a watch service that already failed
        }
    }
}
