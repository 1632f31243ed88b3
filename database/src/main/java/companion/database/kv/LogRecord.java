package companion.database.kv;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * One entry of the store's log: a {@link Put} or a {@link Delete}. The log is the list of every change ever made,
 * in order; the map in memory is only a summary of it.
 *
 * <p>Byte layout (docs/formats/kv-log.md), all integers big-endian, strings UTF-8:
 * <pre>
 *   put    := 0x01 keyLength:int32 key:byte[keyLength] valueLength:int32 value:byte[valueLength]
 *   delete := 0x02 keyLength:int32 key:byte[keyLength]
 * </pre>
 * Example: {@code put("a", "hi")} is the 12 bytes {@code 01 00000001 61 00000002 6869}.
 *
 * <p>Why length prefixes rather than, say, one line per record: a length says exactly where a string ends, so a
 * key or value may hold any byte at all, newlines included. A text format needs escaping to do the same.
 */
public sealed interface LogRecord {

    /** Type byte of a {@link Put} record. */
    byte PUT = 0x01;
    /** Type byte of a {@link Delete} record. */
    byte DELETE = 0x02;

    /** The key this record changes. */
    String key();

    /** This record's bytes, ready to append to the log: a buffer positioned at 0 whose limit is its length. */
    ByteBuffer encode();

    /**
     * Refuses a string UTF-8 cannot hold: one with an unpaired surrogate (half of a pair of UTF-16 chars).
     * {@code getBytes(UTF_8)} would silently store a '?' in its place, and the store would hand back a different
     * string than it acknowledged; a caller's mistake must be an error instead.
     *
     * @throws IllegalArgumentException naming the index of the lone surrogate
     */
    static void checkEncodable(String text, String what) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++; // a well-formed pair: one code point
            } else if (Character.isSurrogate(c)) {
                throw new IllegalArgumentException(what + " has an unpaired surrogate (\\u"
                        + Integer.toHexString(c) + ") at index " + i + ": it is not Unicode text and cannot be stored");
            }
        }
    }

    /** "From now on, {@code key} maps to {@code value}." */
    record Put(String key, String value) implements LogRecord {
        public Put {
            checkEncodable(Objects.requireNonNull(key, "key is null"), "key");
            checkEncodable(Objects.requireNonNull(value, "value is null"), "value");
        }

        @Override
        public ByteBuffer encode() {
            byte[] keyBytes = key.getBytes(StandardCharsets.UTF_8);
            byte[] valueBytes = value.getBytes(StandardCharsets.UTF_8);
            // @scaffold-begin m1: Lay out a put record: the type byte, then each string as its length followed by its bytes.
            ByteBuffer buffer = ByteBuffer.allocate(1 + 4 + keyBytes.length + 4 + valueBytes.length);
            buffer.put(PUT);
            buffer.putInt(keyBytes.length).put(keyBytes);
            buffer.putInt(valueBytes.length).put(valueBytes);
            return buffer.flip();
            // @scaffold-default throw new UnsupportedOperationException("TODO(m1): LogRecord.Put.encode, see LESSON.md step 1");
            // @scaffold-end
        }
    }

    /** "From now on, {@code key} has no value." */
    record Delete(String key) implements LogRecord {
        public Delete {
            checkEncodable(Objects.requireNonNull(key, "key is null"), "key");
        }

        @Override
        public ByteBuffer encode() {
            byte[] keyBytes = key.getBytes(StandardCharsets.UTF_8);
            // @scaffold-begin m1: Lay out a delete record: the type byte, then the key's length and bytes.
            ByteBuffer buffer = ByteBuffer.allocate(1 + 4 + keyBytes.length);
            buffer.put(DELETE);
            buffer.putInt(keyBytes.length).put(keyBytes);
            return buffer.flip();
            // @scaffold-default throw new UnsupportedOperationException("TODO(m1): LogRecord.Delete.encode, see LESSON.md step 1");
            // @scaffold-end
        }
    }
}
