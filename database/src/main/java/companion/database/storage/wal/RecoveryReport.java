package companion.database.storage.wal;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What opening a {@link WriteAheadLog} found and did: how many records it read, whether it cut off a torn tail
 * (and how many bytes that dropped), and, with salvage on, every damaged region it skipped.
 *
 * <pre>{@code
 * WriteAheadLog log = WriteAheadLog.open(directory, options, engine::apply);
 * RecoveryReport report = log.recovery();
 * // "read 1041 records from 2 segments; torn tail dropped: 23 bytes at 00000000000000000991.wal@4321 (checksum
 * //  mismatch: stored 0x8f2e..., computed 0x0000...)"
 * }</pre>
 *
 * <p>LevelDB passes the same facts to a {@code Reporter} callback ({@code Corruption(bytes, status)}); a value is
 * easier to test and to print.
 *
 * @param segments     segment files read
 * @param recordsRead  records replayed
 * @param nextSequence the sequence number the next append gets
 * @param tornTail     the torn tail cut off the last segment, if there was one
 * @param salvaged     damaged regions skipped because salvage was on, oldest first; empty otherwise
 */
public record RecoveryReport(int segments, long recordsRead, long nextSequence, Optional<Damage> tornTail,
                             List<Damage> salvaged) {

    /**
     * Bytes of a segment that recovery did not read as records.
     *
     * @param file   the segment
     * @param offset where the damaged bytes start: the first byte of the record that could not be read
     * @param bytes  how many bytes were dropped or skipped (up to the last non-zero byte, for a torn tail: zeros
     *               after it are the preallocated tail, not lost data)
     * @param what   what was wrong, e.g. "checksum mismatch: stored 0x..., computed 0x..."
     */
    public record Damage(Path file, long offset, long bytes, String what) {
        public Damage {
            Objects.requireNonNull(file, "file is null");
            Objects.requireNonNull(what, "what is null");
        }

        @Override
        public String toString() {
            return bytes + " bytes at " + file.getFileName() + "@" + offset + " (" + what + ")";
        }
    }

    public RecoveryReport {
        Objects.requireNonNull(tornTail, "tornTail is null");
        salvaged = List.copyOf(salvaged);
    }

    /** Bytes cut off as a torn tail: 0 if the log ended cleanly. */
    public long bytesDropped() {
        return tornTail.map(Damage::bytes).orElse(0L);
    }

    /** Whether the log ended cleanly and nothing was skipped. */
    public boolean clean() {
        return tornTail.isEmpty() && salvaged.isEmpty();
    }

    /** Canonical text, used by tests and {@code companion dump}. */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("read " + recordsRead + " records from " + segments + " segments");
        tornTail.ifPresent(t -> text.append("; torn tail dropped: ").append(t));
        for (Damage d : salvaged) {
            text.append("; salvage skipped: ").append(d);
        }
        return text.toString();
    }
}
