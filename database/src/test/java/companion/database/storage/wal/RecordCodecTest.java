package companion.database.storage.wal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Assume;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/** The record codec's invariants: encode and decode are inverses, and damage is never decoded as a record. */
class RecordCodecTest {

    @Provide
    Arbitrary<Operation> operations() {
        Arbitrary<byte[]> bytes = Arbitraries.bytes().array(byte[].class).ofMaxSize(40);
        Arbitrary<Operation> put = Combinators.combine(bytes, bytes).as((k, v) -> new Operation.Put(k, v));
        Arbitrary<Operation> delete = bytes.map(k -> new Operation.Delete(k));
        Arbitrary<Operation> batch = Arbitraries.oneOf(put, delete).list().ofMaxSize(6).map(Operation.Batch::new);
        return Arbitraries.oneOf(put, delete, batch);
    }

    @Property
    void encodeAndDecodeAreInversesForEveryRecordType(@ForAll("operations") Operation operation,
                                                      @ForAll @LongRange(min = 1) long sequence) {
        ByteBuffer bytes = RecordCodec.encode(sequence, operation);
        assertEquals(RecordCodec.size(operation), bytes.remaining());
        Frame frame = RecordCodec.decode(bytes);
        assertEquals(new Frame.Valid(new LogRecord(sequence, operation), bytes.remaining()), frame);
    }

    @Property
    void flippingAnyBitOfARecordIsNeverDecodedAsARecord(@ForAll("operations") Operation operation,
                                                         @ForAll @LongRange(min = 1, max = 1 << 20) long sequence,
                                                         @ForAll int where) {
        ByteBuffer bytes = RecordCodec.encode(sequence, operation);
        int bit = Math.floorMod(where, bytes.limit() * 8);
        bytes.put(bit / 8, (byte) (bytes.get(bit / 8) ^ (1 << (bit % 8))));
        assertFalse(RecordCodec.decode(bytes) instanceof Frame.Valid, "bit " + bit + " flipped in " + operation);
    }

    @Property
    void everyStrictPrefixOfARecordIsNotARecord(@ForAll("operations") Operation operation, @ForAll int where) {
        ByteBuffer bytes = RecordCodec.encode(7, operation);
        int cut = Math.floorMod(where, bytes.limit());
        assertFalse(RecordCodec.decode(bytes.limit(cut)) instanceof Frame.Valid, "cut at " + cut);
    }

    @Property
    void anIntactPutGivesItsKeyAndTheValueOfItsKeyOnly(@ForAll("operations") Operation operation,
                                                       @ForAll @LongRange(min = 1) long sequence,
                                                       @ForAll("keys") byte[] other) {
        byte[] record = array(RecordCodec.encode(sequence, operation));
        assertTrue(RecordCodec.isIntact(record), operation.toString());
        Assume.that(operation instanceof Operation.Put);
        Operation.Put put = (Operation.Put) operation;
        assertArrayEquals(put.key(), PayloadCodec.putKey(record, RecordCodec.HEADER_BYTES));
        assertOptionalBytes(Optional.of(put.value()), PayloadCodec.putValue(record, RecordCodec.HEADER_BYTES,
                put.key()), "its own key");
        if (!Arrays.equals(put.key(), other)) {
            assertEquals(Optional.empty(), PayloadCodec.putValue(record, RecordCodec.HEADER_BYTES, other),
                    "another key");
        }
    }

    @Property
    void aFlippedBitOrACutMakesARecordNotIntact(@ForAll("keys") byte[] key, @ForAll("keys") byte[] value,
                                                @ForAll int where) {
        byte[] record = array(RecordCodec.encode(9, new Operation.Put(key, value)));
        int bit = Math.floorMod(where, record.length * 8);
        byte[] flipped = record.clone();
        flipped[bit / 8] ^= (byte) (1 << (bit % 8));
        assertFalse(RecordCodec.isIntact(flipped), "bit " + bit + " flipped");
        byte[] cut = Arrays.copyOf(record, Math.floorMod(where, record.length));
        assertFalse(RecordCodec.isIntact(cut), "cut at " + cut.length);
    }

    @Property
    void lengthsThatDoNotAddUpAreMalformedNotAnotherKey(@ForAll("keys") byte[] key, @ForAll("keys") byte[] value,
                                                       @ForAll @IntRange(min = 1, max = 1000) int wrongBy) {
        byte[] record = array(RecordCodec.encode(9, new Operation.Put(key, value)));
        byte[] longKey = record.clone(); // as if the CRC had missed the damage: a key running past the record
        ByteBuffer.wrap(longKey).putInt(RecordCodec.HEADER_BYTES, record.length + wrongBy);
        byte[] longValue = record.clone(); // a value length that disagrees with the record's
        ByteBuffer.wrap(longValue).putInt(RecordCodec.HEADER_BYTES + 4 + key.length, value.length + wrongBy);
        for (byte[] damaged : List.of(longKey, longValue)) {
            assertThrows(PayloadCodec.MalformedPayloadException.class,
                    () -> PayloadCodec.putValue(damaged, RecordCodec.HEADER_BYTES, key));
            assertThrows(PayloadCodec.MalformedPayloadException.class,
                    () -> PayloadCodec.putKey(damaged, RecordCodec.HEADER_BYTES));
        }
    }

    @Provide
    Arbitrary<byte[]> keys() {
        return Arbitraries.bytes().array(byte[].class).ofMaxSize(40);
    }

    private static byte[] array(ByteBuffer bytes) {
        byte[] array = new byte[bytes.remaining()];
        bytes.get(array);
        return array;
    }

    private static void assertOptionalBytes(Optional<byte[]> expected, Optional<byte[]> actual, String what) {
        assertEquals(expected.isPresent(), actual.isPresent(), what);
        expected.ifPresent(bytes -> assertArrayEquals(bytes, actual.get(), what));
    }

    @Example
    void aPutHasTheBytesOfTheWorkedExample() {
        ByteBuffer bytes = RecordCodec.encode(1, new Operation.Put(utf8("a"), utf8("hi")));
        byte[] array = new byte[bytes.remaining()];
        bytes.get(array);
        // docs/formats/wal.md, "Worked example": crc, length 20, sequence 1, type put, key "a", value "hi"
        assertEquals("4c9600ea" + "00000014" + "0000000000000001" + "01" + "00000001" + "61" + "00000002" + "6869",
                HexFormat.of().formatHex(array));
    }

    @Example
    void zerosAreTheEndOfTheDataNeverARecord() {
        assertInstanceOf(Frame.End.class, RecordCodec.decode(ByteBuffer.allocate(100)));
        assertInstanceOf(Frame.End.class, RecordCodec.decode(ByteBuffer.allocate(5)), "shorter than a header");
    }

    @Example
    void aBatchWithinABatchIsRejected() {
        Operation.Batch inner = new Operation.Batch(List.of());
        assertEquals("a batch cannot contain a batch: batch []", assertThrows(IllegalArgumentException.class,
                () -> new Operation.Batch(List.of(inner))).getMessage());
    }

    @Example
    void operationsRenderAsCanonicalText() {
        Operation batch = new Operation.Batch(List.of(new Operation.Put(utf8("a"), new byte[] {0, '"'}),
                new Operation.Delete(utf8("b"))));
        assertEquals("#3 batch [put \"a\" \"\\x00\\x22\", delete \"b\"]", new LogRecord(3, batch).toString());
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
