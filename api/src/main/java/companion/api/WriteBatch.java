package companion.api;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * Writes applied together by {@link StorageEngine#write}: all of them, or after a crash none. Built fluently:
 * {@code new WriteBatch().put(a, x).delete(b)}. Not thread-safe; not reusable after it is written.
 */
public final class WriteBatch {
    /** One write of the batch: a put ({@code value} non-null) or a delete ({@code value} null). */
    public record Operation(byte[] key, byte[] value) {
        public boolean isDelete() {
            return value == null;
        }
    }

    private final List<Operation> operations = new ArrayList<>();

    /** Adds a put; the arrays are copied. */
    public WriteBatch put(byte[] key, byte[] value) {
        Objects.requireNonNull(value, "value is null");
        operations.add(new Operation(checkKey(key).clone(), value.clone()));
        return this;
    }

    /** Adds a delete; the key is copied. */
    public WriteBatch delete(byte[] key) {
        operations.add(new Operation(checkKey(key).clone(), null));
        return this;
    }

    /** The operations in the order they were added. */
    public List<Operation> operations() {
        return Collections.unmodifiableList(operations);
    }

    public int size() {
        return operations.size();
    }

    private static byte[] checkKey(byte[] key) {
        Objects.requireNonNull(key, "key is null");
        if (key.length == 0) {
            throw new IllegalArgumentException("a key must be at least 1 byte long");
        }
        return key;
    }
}
