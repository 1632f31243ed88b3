package companion.database.storage.wal;

import java.util.Objects;

/**
 * What {@link RecordCodec#decode} found at one offset of a segment: a {@link Valid} record, the {@link End} of the
 * data (the header is all zeros), or a {@link Damaged} record, with what is wrong with it. Deciding whether damage
 * is a torn tail or corruption needs the rest of the segment, so that is {@link Recovery}'s job, not the codec's.
 */
sealed interface Frame permits Frame.Valid, Frame.End, Frame.Damaged {

    /** A whole record whose checksum matches, {@code size} bytes long including its header. */
    record Valid(LogRecord record, int size) implements Frame {
        public Valid {
            Objects.requireNonNull(record, "record is null");
            assert size >= RecordCodec.HEADER_BYTES : size;
        }
    }

    /**
     * A zero header: no record was ever written here. It ends the data of the segment if every byte after it is
     * zero too (the segment was preallocated with zeros); {@link Recovery} checks that.
     */
    record End() implements Frame {
    }

    /** Bytes that are not a record; {@code what} says why, for the error message. */
    record Damaged(String what) implements Frame {
        public Damaged {
            Objects.requireNonNull(what, "what is null");
        }
    }
}
