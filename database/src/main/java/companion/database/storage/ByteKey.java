package companion.database.storage;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * A byte-array key usable in a hash map: arrays compare by identity in Java, so the index wraps each key in one of
 * these, which compares and hashes by content. A key in the index holds an array nobody else can change: a copy
 * ({@link #copyOf}), or one the store owns ({@link #wrap}); its bytes are never handed out, only copies.
 */
public final class ByteKey {
    private final byte[] bytes;
    private final int hash;

    private ByteKey(byte[] bytes) {
        this.bytes = bytes;
        this.hash = Arrays.hashCode(bytes);
    }

    /** A key holding a copy of {@code bytes}. */
    public static ByteKey copyOf(byte[] bytes) {
        return new ByteKey(bytes.clone());
    }

    /**
     * A key over {@code bytes} itself, without a copy: for an array nobody will change again (one the store
     * already copied, or decoded from the log), or for a lookup that keeps no reference to the key.
     */
    static ByteKey wrap(byte[] bytes) {
        return new ByteKey(bytes);
    }

    /** A copy of the key's bytes. */
    public byte[] bytes() {
        return bytes.clone();
    }

    /** Whether the key starts with {@code prefix}. */
    public boolean startsWith(byte[] prefix) {
        return prefix.length <= bytes.length && Arrays.equals(bytes, 0, prefix.length, prefix, 0, prefix.length);
    }

    /** Bytes in the key. */
    public int length() {
        return bytes.length;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ByteKey key && key.hash == hash && Arrays.equals(key.bytes, bytes);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    /** Hex, for messages and {@code companion dump}. */
    @Override
    public String toString() {
        return HexFormat.of().formatHex(bytes);
    }
}
