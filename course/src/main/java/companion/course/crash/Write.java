package companion.course.crash;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One operation of the crash writer, as the protocol names it: {@code t1#17 put k1-03=120:9f3a1b2c}. Thread 1's
 * seventeenth operation put under {@code k1-03} the value whose {@link Digest} is {@code 120:9f3a1b2c}.
 *
 * <pre>
 *   write  := "t" thread "#" seq " " op
 *   op     := "put " key "=" digest
 *           | "delete " key
 *           | "batch " item ("," item)*          applied atomically by StorageEngine.write
 *           | "flush" | "compact"                change no key; logged so a kill inside one is visible
 *   item   := "+" key "=" digest | "-" key        a put or a delete of the batch
 * </pre>
 *
 * <pre>{@code
 * Write w = Write.parse("t0#4 batch +k0-01=88:0a1b2c3d,-k0-05");
 * w.item("k0-05");     // Optional[Item[key=k0-05, value=Optional.empty]]: the batch deletes k0-05
 * w.render();          // the same text again
 * }</pre>
 *
 * @param thread the writer thread, >= 0
 * @param seq    the thread's operation number, from 1, increasing by one per operation
 * @param kind   what kind of operation
 * @param items  the keys it changes, in order: one for put and delete, one or more for a batch, none otherwise
 */
public record Write(int thread, long seq, Kind kind, List<Item> items) {
    /** The kinds of operation the writer performs. */
    public enum Kind {
        PUT, DELETE, BATCH, FLUSH, COMPACT;

        /** The protocol's word: {@code put}, {@code batch}, ... */
        public String word() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** Whether this kind changes keys (and so counts as a write the checker checks). */
        public boolean changesKeys() {
            return this == PUT || this == DELETE || this == BATCH;
        }
    }

    /**
     * A key the write changes.
     *
     * @param key   the key
     * @param value the digest of the value put; empty for a delete
     */
    public record Item(String key, Optional<Digest> value) {
        /** Checks that the key can be written in the protocol. */
        public Item {
            if (key.isEmpty() || !key.matches("[A-Za-z0-9_.-]+")) {
                throw new IllegalArgumentException("a crash-test key is letters, digits, '_', '.', '-': '" + key + "'");
            }
        }

        public boolean isDelete() {
            return value.isEmpty();
        }
    }

    /** Checks what the components' docs state. */
    public Write {
        if (thread < 0 || seq < 1) {
            throw new IllegalArgumentException("a write needs thread >= 0 and seq >= 1, was t" + thread + "#" + seq);
        }
        items = List.copyOf(items);
        int expected = kind == Kind.PUT || kind == Kind.DELETE ? 1 : kind == Kind.BATCH ? -1 : 0;
        if (expected >= 0 ? items.size() != expected : items.isEmpty()) {
            throw new IllegalArgumentException(kind.word() + " with " + items.size() + " keys");
        }
        for (Item item : items) {
            if (item.isDelete() != (kind == Kind.DELETE) && kind != Kind.BATCH) {
                throw new IllegalArgumentException(kind.word() + " of " + item.key() + " with the wrong value");
            }
        }
    }

    /** {@code t1#17}: the id the values, the checker and the reports use. */
    public String id() {
        return "t" + thread + "#" + seq;
    }

    /** What this write does to {@code key}; empty when it does not touch it. */
    public Optional<Item> item(String key) {
        return items.stream().filter(i -> i.key().equals(key)).findFirst();
    }

    /** The protocol text; {@link #parse} reads it back. */
    public String render() {
        StringBuilder s = new StringBuilder(id()).append(' ').append(kind.word());
        switch (kind) {
            case PUT -> s.append(' ').append(items.get(0).key()).append('=').append(items.get(0).value().orElseThrow());
            case DELETE -> s.append(' ').append(items.get(0).key());
            case BATCH -> {
                List<String> parts = new ArrayList<>();
                for (Item item : items) {
                    parts.add(item.value().map(d -> "+" + item.key() + "=" + d).orElse("-" + item.key()));
                }
                s.append(' ').append(String.join(",", parts));
            }
            default -> { }
        }
        return s.toString();
    }

    /**
     * Parses {@link #render()}'s text.
     *
     * @throws IllegalArgumentException naming the text and what is wrong with it
     */
    public static Write parse(String text) {
        String[] parts = text.split(" ", -1);
        try {
            if (parts.length < 2 || !parts[0].matches("t\\d+#\\d+")) {
                throw new IllegalArgumentException("expected t<thread>#<seq> <op>");
            }
            int hash = parts[0].indexOf('#');
            int thread = Integer.parseInt(parts[0].substring(1, hash));
            long seq = Long.parseLong(parts[0].substring(hash + 1));
            Kind kind = Kind.valueOf(parts[1].toUpperCase(Locale.ROOT));
            List<Item> items = new ArrayList<>();
            if (kind.changesKeys() != (parts.length == 3) || parts.length > 3) {
                throw new IllegalArgumentException("wrong number of fields for " + kind.word());
            }
            if (kind == Kind.PUT) {
                items.add(putItem(parts[2]));
            } else if (kind == Kind.DELETE) {
                items.add(new Item(parts[2], Optional.empty()));
            } else if (kind == Kind.BATCH) {
                for (String part : parts[2].split(",", -1)) {
                    if (part.startsWith("+")) {
                        items.add(putItem(part.substring(1)));
                    } else if (part.startsWith("-")) {
                        items.add(new Item(part.substring(1), Optional.empty()));
                    } else {
                        throw new IllegalArgumentException("a batch item starts with + or -: '" + part + "'");
                    }
                }
            }
            return new Write(thread, seq, kind, items);
        } catch (IllegalArgumentException e) { // NumberFormatException and an unknown Kind included
            throw new IllegalArgumentException("not a crash-test write: '" + text + "': " + e.getMessage(), e);
        }
    }

    private static Item putItem(String text) {
        int eq = text.indexOf('=');
        if (eq < 1) {
            throw new IllegalArgumentException("expected key=length:crc, was '" + text + "'");
        }
        return new Item(text.substring(0, eq), Optional.of(Digest.parse(text.substring(eq + 1))));
    }
}
