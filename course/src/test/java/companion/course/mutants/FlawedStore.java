package companion.course.mutants;

import companion.api.KeyValueStore;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A small, correct key-value store (a map and an append-only log, like the reference) that makes exactly one
 * mistake, the {@link Flaw} it is opened with. Test code only.
 */
public final class FlawedStore implements KeyValueStore {
    private static final byte PUT = 1;
    private static final byte DELETE = 2;

    private final Flaw flaw;
    private final Path file;
    /** Guarded by this, except under the flaws whose point is to skip the lock. */
    private volatile Map<String, String> map = new HashMap<>();
    private final OutputStream rawOut;
    private final DataOutputStream out;
    private final Thread flusher;
    private long lastRecordStart;

    public FlawedStore(Path file, Flaw flaw) {
        this.flaw = flaw;
        this.file = file;
        try {
            if (flaw != Flaw.NO_REPLAY && Files.exists(file)) {
                replay();
            }
            rawOut = Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out = new DataOutputStream(flaw == Flaw.BUFFERED_UNTIL_CLOSE ? new BufferedOutputStream(rawOut, 1 << 16) : rawOut);
        if (flaw == Flaw.NON_DAEMON_THREAD) {
            flusher = new Thread(FlawedStore::sleepForever, "flusher");
            flusher.start();
        } else {
            flusher = null;
        }
        if (flaw == Flaw.UNORDERED_FILE_WRITES) {
            map = new java.util.concurrent.ConcurrentHashMap<>(map);
        }
    }

    private static void sleepForever() {
        try {
            Thread.sleep(Long.MAX_VALUE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void replay() throws IOException {
        if (flaw == Flaw.NEWLINE_FORMAT) {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                int eq = line.indexOf('=');
                if (eq < 0) {
                    map.remove(line);
                } else {
                    map.put(line.substring(0, eq), line.substring(eq + 1));
                }
            }
            return;
        }
        try (DataInputStream in = new DataInputStream(Files.newInputStream(file))) {
            while (true) {
                int type = in.read();
                if (type < 0) {
                    return;
                }
                String key = readString(in);
                if (type == PUT && flaw == Flaw.FIXED_TABLE_64) {
                    map.put(slotOf(key), key + "\u0000" + readString(in));
                } else if (type == PUT) {
                    map.put(key, readString(in));
                } else {
                    map.remove(flaw == Flaw.FIXED_TABLE_64 ? slotOf(key) : key);
                }
            }
        } catch (EOFException e) {
            throw new IllegalStateException(file + " ends mid-record", e);
        }
    }

    private static String readString(DataInputStream in) throws IOException {
        byte[] bytes = new byte[in.readInt()];
        in.readFully(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    @Override
    public Optional<String> get(String key) {
        if (flaw == Flaw.FIXED_TABLE_64) {
            synchronized (this) {
                String slot = slotOf(key);
                String entry = map.get(slot);
                return entry != null && entry.startsWith(key + "\u0000")
                        ? Optional.of(entry.substring(key.length() + 1)) : Optional.empty();
            }
        }
        String value;
        synchronized (this) {
            value = map.get(key);
        }
        if (value == null) {
            return flaw == Flaw.MISSING_IS_NULL ? null
                    : flaw == Flaw.MISSING_IS_EMPTY_STRING ? Optional.of("") : Optional.empty();
        }
        return Optional.of(value);
    }

    private static String slotOf(String key) {
        return "slot" + Math.floorMod(key.hashCode(), 64);
    }

    @Override
    public void put(String key, String value) {
        switch (flaw) {
            case UNLOCKED_COPY_ON_WRITE -> {
                Map<String, String> copy = new HashMap<>(map);
                Thread.yield(); // widens the race window this flaw is about
                copy.put(key, value);
                map = copy;
                synchronized (this) {
                    append(PUT, key, value);
                }
            }
            case UNORDERED_FILE_WRITES -> {
                map.put(key, value);
                Thread.yield();
                synchronized (this) {
                    append(PUT, key, value);
                }
            }
            default -> {
                synchronized (this) {
                    append(PUT, key, value);
                    if (flaw == Flaw.FIXED_TABLE_64) {
                        map.put(slotOf(key), key + "\u0000" + value);
                    } else if (flaw == Flaw.FIRST_WRITE_WINS) {
                        map.putIfAbsent(key, value);
                    } else if (flaw != Flaw.PUT_SKIPS_MAP) {
                        map.put(key, value);
                    }
                }
            }
        }
    }

    @Override
    public void delete(String key) {
        if (flaw == Flaw.UNLOCKED_COPY_ON_WRITE) {
            Map<String, String> copy = new HashMap<>(map);
            copy.remove(key);
            map = copy;
            synchronized (this) {
                append(DELETE, key, null);
            }
            return;
        }
        synchronized (this) {
            deleteLocked(key);
        }
    }

    private void deleteLocked(String key) {
        if (flaw == Flaw.DELETE_IGNORED) {
            return;
        }
        if (flaw != Flaw.DELETES_NOT_LOGGED) {
            append(DELETE, key, null);
        }
        map.remove(flaw == Flaw.FIXED_TABLE_64 ? slotOf(key) : key);
    }

    /** Requires: the monitor of this is held. */
    private void append(byte type, String key, String value) {
        try {
            lastRecordStart = Files.size(file) + (flaw == Flaw.BUFFERED_UNTIL_CLOSE ? out.size() : 0);
            if (flaw == Flaw.NEWLINE_FORMAT) {
                String line = value == null ? key + "\n" : key + "=" + value + "\n";
                out.write(line.getBytes(StandardCharsets.UTF_8));
                return;
            }
            out.writeByte(type);
            byte[] k = key.getBytes(StandardCharsets.UTF_8);
            out.writeInt(k.length);
            out.write(k);
            if (value != null) {
                byte[] v = value.getBytes(StandardCharsets.UTF_8);
                out.writeInt(v.length);
                out.write(v);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public synchronized void close() {
        try {
            out.close();
            if (flaw == Flaw.LOSES_LAST_RECORD_ON_CLOSE && Files.size(file) > 0) {
                try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
                    channel.truncate(lastRecordStart);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
