/**
 * The file layer: the only way the storage engine touches the disk. Two small interfaces, and the real thing:
 *
 * <ul>
 *   <li>{@link companion.database.storage.io.StorageFile}: positional write and read, read-only and writable
 *       memory maps, force, size, truncate.
 *   <li>{@link companion.database.storage.io.StorageDirectory}: list, create, open, atomic rename, delete, and
 *       sync of the directory itself.
 *   <li>{@link companion.database.storage.io.DiskDirectory} and {@link companion.database.storage.io.DiskFile}:
 *       the implementation over {@link java.nio.channels.FileChannel}.
 *   <li>{@link companion.database.storage.io.MappedFile}: a file whose writes are copies into a writable memory
 *       map, no system call; the log's active segment at durability {@code none}. The simulation cannot be
 *       written that way (it must see every write), so over it the log writes as usual.
 * </ul>
 *
 * <pre>
 *   WriteAheadLog ──> StorageDirectory / StorageFile ──┬──> DiskDirectory / DiskFile    (FileChannel: the disk)
 *                                                      └──> FaultInjectingDirectory     (test tree: a simulated
 *                                                           disk that forgets unforced bytes, tears the last
 *                                                           page, flips bits and fails fsyncs on command)
 * </pre>
 *
 * <p>Why an interface for something as plain as a file: a crash cannot be tested by killing the JVM alone, because
 * the OS keeps everything the process wrote. What loses data is a power cut, and what a power cut loses is exactly
 * the bytes that were written but not forced. The simulation keeps both versions of every file, so a test can cut
 * the power at any instant and assert precisely what survived (LevelDB's {@code FaultInjectionTestEnv} is the
 * model).
 *
 * <p>Invariant shared by both implementations: after {@code force()} returns, the bytes written before it survive
 * any crash; after {@code sync()} returns, so do the creates, renames and deletes made before it. Nothing else is
 * promised. The byte formats written through this layer are in docs/formats/ (the log: docs/formats/wal.md).
 */
package companion.database.storage.io;
