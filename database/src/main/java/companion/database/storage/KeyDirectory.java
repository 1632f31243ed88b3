package companion.database.storage;

import companion.api.StorageException;
import companion.database.storage.wal.LogReader;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The key directory ("keydir" in Bitcask): for every live key, where its latest write is in the log. A get is one
 * probe here and one read of the log.
 *
 * <pre>{@code
 * keys.put(log, key, at.address(), 1, at.size());   // after appending a put record of key
 * keys.get(log, key);                               // probe, then read the value where the slot points
 * keys.remove(log, key);                            // after appending a delete record
 * }</pre>
 *
 * <h2>A hash index that keeps no keys</h2>
 * Bitcask's keydir keeps every key in memory. This one keeps, per key, a slot of two {@code long}s: a tag (32 bits
 * of the key's hash, and which operation of its record wrote the key: 1 for a put record, 1 to n in a batch) and
 * the record's {@linkplain companion.database.storage.wal.LogPosition#address address}. Whether a slot is the key's
 * is decided by reading the key in the log, which a get does anyway, for the value. The table is a quarter to half
 * full, so memory holds 32 to 64 bytes per key, whatever the keys' length (a {@code HashMap} of byte-array keys
 * holds 100 to 150), and a get makes two random memory accesses: the slot, then the record. FASTER's hash index is
 * built the same way.
 *
 * <pre>
 *   slots: long[2 × capacity]                        the log, by address
 *   i   tag: hash32 | number     address
 *   0   0 (empty: ends a probe)
 *   1   0x9e3779b9 | 1           segment 4, offset 1024   ──▶  [crc|len|#42|PUT "a" = "hi"]
 *   2   TOMBSTONE (a deleted key: a probe goes past it)
 *   3   0x1b873593 | 2           segment 1, offset 52113  ──▶  [crc|len|#12|BATCH put "x", put "user:7"]
 * </pre>
 *
 * <p>Open addressing with linear probing: a key's slot is the first from {@code hash & (capacity - 1)} onwards
 * whose tag matches and whose operation in the log has the key; an empty slot ends the search. A deleted key's slot
 * becomes a tombstone, never empty again, because emptying it would cut the probe path of keys stored after it.
 * Tombstones and live slots together are kept under half the capacity by {@link #rehash}, which copies the live
 * slots into a new array (dropping the tombstones) and publishes it.
 *
 * <h2>Concurrency</h2>
 * Readers take no lock. Writers (of the store's records, compaction, replay) take {@link #writing}, which makes
 * their probes and changes one at a time: a few hundred nanoseconds each, while the appends before them run in
 * parallel. What a reader may see, and why it is enough:
 * <ul>
 *   <li>A slot's tag never changes while the slot is live, and a new slot's address is written before its tag
 *       (release, then acquire on the reader's side): a reader that sees a tag sees an address written for it.
 *   <li>A key whose operation number changes (a put after a batch, say) gets a new slot, further down its probe
 *       path, before its old slot becomes a tombstone: a reader finds one or the other, never neither.
 *   <li>{@link #rehash} builds its array unseen and publishes it through the volatile {@link #slots}; a reader
 *       still on the old array sees what was true when it started, and no writer changes the old array again.
 *   <li>A reader can hold an address whose segment compaction deletes before the read: the read fails, the slot
 *       has moved meanwhile, and the reader looks again ({@link #get}).
 * </ul>
 * A batch's keys change one after another, so a reader can see some of a batch and not the rest (see step 5 of the
 * lesson); milestone 5's transactions add isolation.
 *
 * <p>Simplifications against FASTER: its buckets hold 7 slots in one cache line and its tags are 15 bits beside a
 * 48-bit address in one word, changed with compare-and-swap, so writers take no lock; its records chain to the
 * previous record of a bucket, so a tag collision does not need a second slot. Ours is the textbook table.
 */
final class KeyDirectory {
    /** A slot nobody has used: it ends every probe. Zero, so a new array is all empty. */
    static final long EMPTY = 0;
    /** A slot whose key was deleted: probes go past it. Its number is 0, which no live slot has. */
    static final long TOMBSTONE = 0xFFFF_FFFFL << 32;
    static final int MIN_CAPACITY = 16;
    /** The largest table: 2<sup>29</sup> slots, 8 GiB, for up to 2<sup>28</sup> (268 million) keys. */
    static final int MAX_CAPACITY = 1 << 29;
    /** Reads and writes of the slots' longs with explicit memory ordering (see the class doc). */
    private static final VarHandle SLOT = MethodHandles.arrayElementVarHandle(long[].class);

    /** Slot i is {@code slots[2i]} (its tag) and {@code slots[2i + 1]} (its address). Replaced whole by rehash. */
    private volatile long[] slots = new long[2 * MIN_CAPACITY];
    /** Serialises the writers; readers never take it. */
    private final ReentrantLock writing = new ReentrantLock();
    /** Guarded by {@link #writing}; volatile for {@link #size}. The live keys. */
    private volatile int live;
    /** Guarded by {@link #writing}. Slots not empty: live ones and tombstones. */
    private int used;
    /** Guarded by {@link #writing}; volatile for {@link #liveBytes}. Bytes of the records live keys point at. */
    private volatile long liveBytes;

    /** One live key and where it is: what compaction and scans walk. */
    record Entry(byte[] key, long address, int number) {
    }

    /**
     * The value of {@code key}'s latest write, or empty if the key is not live. Requires: nothing (no lock).
     *
     * @throws companion.api.CorruptionException if the record the key's slot points at is damaged
     */
    Optional<byte[]> get(LogReader log, byte[] key) {
        int hash = hash(key);
        // @scaffold-begin m2: Probe from the key's home slot to the first empty one; at each live slot whose tag has the key's hash, ask the log for the value of that operation if it is the key's. If the read fails because the slot moved meanwhile (compaction), start again.
        search:
        while (true) {
            long[] table = slots;
            int mask = capacity(table) - 1;
            for (int i = hash & mask; ; i = (i + 1) & mask) {
                long tag = (long) SLOT.getAcquire(table, 2 * i);
                if (tag == EMPTY) {
                    return Optional.empty();
                }
                if (tag == TOMBSTONE || hashOf(tag) != hash) {
                    continue;
                }
                long address = (long) SLOT.getAcquire(table, 2 * i + 1);
                try {
                    Optional<byte[]> value = log.valueAt(address, numberOf(tag), key);
                    if (value.isPresent()) {
                        return value;
                    }
                } catch (StorageException e) {
                    // Compaction may have moved the key and deleted its old segment between the slot and the read:
                    // look again. If the slot is as it was, the read failed for a real reason.
                    if (table == slots && (long) SLOT.getAcquire(table, 2 * i) == tag
                            && (long) SLOT.getAcquire(table, 2 * i + 1) == address) {
                        throw e;
                    }
                    continue search;
                }
            }
        }
        // @scaffold-default throw new UnsupportedOperationException("TODO(m2): KeyDirectory.get, see LESSON.md step 4");
        // @scaffold-end
    }

    /**
     * Points {@code key} at operation {@code number} of the record at {@code address}, {@code size} bytes long: the
     * key's latest write. Requires: the record is in the log, and no other thread writes this key meanwhile (the
     * store holds the key's stripe; replay is one thread).
     */
    void put(LogReader log, byte[] key, long address, int number, int size) {
        int hash = hash(key);
        writing.lock();
        try {
            // @scaffold-begin m2: Make room first (rehash when half the slots are used); find the key's slot. Same operation number: write the new address (release). Otherwise add a new slot at the end of the probe path, then make the old one a tombstone. Keep liveBytes and the counts in step.
            if (2 * (used + 1) > capacity(slots)) {
                rehash();
            }
            long[] table = slots;
            int i = find(log, table, key, hash);
            if (i >= 0 && numberOf(table[2 * i]) == number) {
                liveBytes += size - log.sizeAt(table[2 * i + 1]);
                SLOT.setRelease(table, 2 * i + 1, address);
                return;
            }
            append(table, tag(hash, number), address);
            liveBytes += size;
            live++;
            if (i >= 0) {
                bury(log, table, i);
            }
            // @scaffold-default throw new UnsupportedOperationException("TODO(m2): KeyDirectory.put, see LESSON.md step 4");
            // @scaffold-end
        } finally {
            writing.unlock();
        }
    }

    /** Forgets {@code key}, after a delete of it was appended. Requires: as {@link #put}. */
    void remove(LogReader log, byte[] key) {
        int hash = hash(key);
        writing.lock();
        try {
            // @scaffold-begin m2: Find the key's slot; if there is one, make it a tombstone (never empty: that would cut other keys' probe paths).
            long[] table = slots;
            int i = find(log, table, key, hash);
            if (i >= 0) {
                bury(log, table, i);
            }
            // @scaffold-default throw new UnsupportedOperationException("TODO(m2): KeyDirectory.remove, see LESSON.md step 4");
            // @scaffold-end
        } finally {
            writing.unlock();
        }
    }

    /**
     * Whether {@code key}'s latest write is operation {@code number} of the record at {@code address}: a probe that
     * reads nothing in the log, since an operation has one key. Compaction asks before copying a record forward.
     */
    boolean isAt(byte[] key, long address, int number) {
        int hash = hash(key);
        // @scaffold-begin m2: Probe the key's path for a live slot with the key's tag for this number and exactly this address.
        long[] table = slots;
        int mask = capacity(table) - 1;
        long wanted = tag(hash, number);
        for (int i = hash & mask; ; i = (i + 1) & mask) {
            long tag = (long) SLOT.getAcquire(table, 2 * i);
            if (tag == EMPTY) {
                return false;
            }
            if (tag == wanted && (long) SLOT.getAcquire(table, 2 * i + 1) == address) {
                return true;
            }
        }
        // @scaffold-default throw new UnsupportedOperationException("TODO(m2): KeyDirectory.isAt, see LESSON.md step 6");
        // @scaffold-end
    }

    /**
     * Points {@code key} at its copy, a put record at {@code to} of {@code size} bytes, only if the key still points
     * at operation {@code number} of the record at {@code from}: compaction's update, which must lose against any
     * write that arrived while it copied.
     *
     * @return whether the key was moved
     */
    boolean moveIfCurrent(LogReader log, byte[] key, long from, int number, long to, int size) {
        writing.lock();
        try {
            // @scaffold-begin m2: Under the lock, only if isAt(key, from, number): point the key at the copy (a put record: operation 1), as put does.
            if (!isAt(key, from, number)) {
                return false;
            }
            put(log, key, to, 1, size); // the lock is reentrant
            return true;
            // @scaffold-default throw new UnsupportedOperationException("TODO(m2): KeyDirectory.moveIfCurrent, see LESSON.md step 6");
            // @scaffold-end
        } finally {
            writing.unlock();
        }
    }

    /**
     * The live keys that start with {@code prefix}, with where they are (a snapshot, in no order; keys written
     * meanwhile may or may not be in it). Reads the key of every live slot in the log.
     */
    List<Entry> entries(LogReader log, byte[] prefix) {
        // @scaffold-begin m2: Walk every slot of the current array; read each live slot's key in the log and keep those with the prefix. If a read fails because the slot moved meanwhile, read the slot again; if a rehash replaced the array, start again on the new one.
        walk:
        while (true) {
            List<Entry> found = new ArrayList<>();
            long[] table = slots;
            for (int i = 0; i < capacity(table); i++) {
                while (true) {
                    long tag = (long) SLOT.getAcquire(table, 2 * i);
                    if (tag == EMPTY || tag == TOMBSTONE) {
                        break;
                    }
                    long address = (long) SLOT.getAcquire(table, 2 * i + 1);
                    byte[] key;
                    try {
                        key = log.keyAt(address, numberOf(tag));
                    } catch (StorageException e) {
                        if (table != slots) {
                            continue walk; // the old array no longer changes: its slot cannot show the move
                        }
                        if ((long) SLOT.getAcquire(table, 2 * i) == tag
                                && (long) SLOT.getAcquire(table, 2 * i + 1) == address) {
                            throw e; // the slot did not change: the read failed for a real reason
                        }
                        continue;
                    }
                    if (startsWith(key, prefix)) {
                        found.add(new Entry(key, address, numberOf(tag)));
                    }
                    break;
                }
            }
            return found;
        }
        // @scaffold-default throw new UnsupportedOperationException("TODO(m2): KeyDirectory.entries, see LESSON.md step 4");
        // @scaffold-end
    }

    /** Bytes of the records the live keys point at (a batch record counts once per key it holds). */
    long liveBytes() {
        return liveBytes;
    }

    /** How many live keys there are. */
    int size() {
        return live;
    }

    /**
     * The slot of {@code key} in {@code table}, or -1: the first live slot on its probe path whose tag has the key's
     * hash and whose operation in the log has the key. Requires: {@link #writing} is held.
     */
    private static int find(LogReader log, long[] table, byte[] key, int hash) {
        // @scaffold-begin m2: Probe from the home slot (hash & mask) to the first empty slot; return the first live slot whose tag has the hash and whose operation in the log (keyAt) is the key; -1 if none.
        int mask = capacity(table) - 1;
        for (int i = hash & mask; ; i = (i + 1) & mask) {
            long tag = table[2 * i];
            if (tag == EMPTY) {
                return -1;
            }
            if (tag != TOMBSTONE && hashOf(tag) == hash
                    && Arrays.equals(log.keyAt(table[2 * i + 1], numberOf(tag)), key)) {
                return i;
            }
        }
        // @scaffold-default throw new UnsupportedOperationException("TODO(m2): KeyDirectory.find, see LESSON.md step 4");
        // @scaffold-end
    }

    /**
     * Fills the first empty slot on the probe path of {@code tag}'s hash: the address first, then the tag, released,
     * so a reader that sees the tag sees the address. Requires: {@link #writing} is held (or {@code table} is not
     * published yet), and an empty slot exists.
     */
    private void append(long[] table, long tag, long address) {
        // @scaffold-begin m2: Find the first empty slot from the tag's home slot; write the address, then the tag (both setRelease, in that order); count it used.
        int mask = capacity(table) - 1;
        int i = hashOf(tag) & mask;
        while (table[2 * i] != EMPTY) {
            i = (i + 1) & mask;
        }
        SLOT.setRelease(table, 2 * i + 1, address);
        SLOT.setRelease(table, 2 * i, tag);
        used++;
        // @scaffold-default throw new UnsupportedOperationException("TODO(m2): KeyDirectory.append, see LESSON.md step 4");
        // @scaffold-end
    }

    /** Makes live slot {@code i} a tombstone. Requires: {@link #writing} is held. */
    private void bury(LogReader log, long[] table, int i) {
        // @scaffold-begin m2: Take the record's bytes off liveBytes, one key off live, and make the slot a tombstone (setRelease).
        liveBytes -= log.sizeAt(table[2 * i + 1]);
        live--;
        SLOT.setRelease(table, 2 * i, TOMBSTONE);
        // @scaffold-default throw new UnsupportedOperationException("TODO(m2): KeyDirectory.bury, see LESSON.md step 4");
        // @scaffold-end
    }

    /**
     * Copies the live slots into a new array of at least four times as many slots (so at most a quarter full: it
     * fills to half before the next rehash), and publishes it. Requires: {@link #writing} is held.
     */
    private void rehash() {
        // @scaffold-begin m2: The smallest power of two (at least MIN_CAPACITY) that is four times the live keys or more; append every live slot of the old array to a new one; reset used; publish the new array through the volatile field.
        long[] old = slots;
        long capacity = MIN_CAPACITY;
        while (capacity < 4L * live) { // a full table of live keys doubles; one of tombstones may shrink
            capacity *= 2;
        }
        if (capacity > MAX_CAPACITY) {
            throw new IllegalStateException("the key directory is full: " + live + " keys in its largest table, of "
                    + MAX_CAPACITY + " slots");
        }
        long[] table = new long[2 * (int) capacity];
        used = 0;
        for (int i = 0; i < capacity(old); i++) {
            long tag = old[2 * i];
            if (tag != EMPTY && tag != TOMBSTONE) {
                append(table, tag, old[2 * i + 1]);
            }
        }
        slots = table; // volatile: readers start using it, with every slot written above
        // @scaffold-default throw new UnsupportedOperationException("TODO(m2): KeyDirectory.rehash, see LESSON.md step 4");
        // @scaffold-end
    }

    /**
     * The key's hash: Java's array hash, then MurmurHash3's finaliser, so that keys that differ in their last bytes
     * (user:1, user:2, ...) land far apart in the table rather than in one long probe run.
     */
    static int hash(byte[] key) {
        int h = Arrays.hashCode(key);
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        h *= 0xc2b2ae35;
        return h ^ (h >>> 16);
    }

    /** A live slot's tag: the key's hash in the high 32 bits, the operation's number (1 or more) in the low. */
    static long tag(int hash, int number) {
        assert number >= 1 : number;
        return (long) hash << 32 | number;
    }

    private static int hashOf(long tag) {
        return (int) (tag >>> 32);
    }

    private static int numberOf(long tag) {
        return (int) tag;
    }

    private static int capacity(long[] table) {
        return table.length / 2;
    }

    private static boolean startsWith(byte[] key, byte[] prefix) {
        return prefix.length <= key.length && Arrays.equals(key, 0, prefix.length, prefix, 0, prefix.length);
    }

    /** Canonical text: {@code KeyDirectory[3 keys, 420 live bytes, 4 of 16 slots used]}. */
    @Override
    public String toString() {
        return "KeyDirectory[" + live + " keys, " + liveBytes + " live bytes, " + used + " of "
                + capacity(slots) + " slots used]";
    }
}
