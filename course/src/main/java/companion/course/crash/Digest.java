package companion.course.crash;

import java.util.Locale;
import java.util.zip.CRC32;

/**
 * A value as the crash protocol names it: its length and its CRC-32, rendered {@code 120:9f3a1b2c}. Two values
 * with the same digest are taken to be the same value (every value the writer produces has a distinct header, so a
 * collision would need a torn value that happens to keep its CRC).
 *
 * <pre>{@code
 * Digest d = Digest.of("t1#17;abc".getBytes(StandardCharsets.US_ASCII));
 * d.render();                         // "9:0c4b5a2e" (length, then the CRC-32 in 8 hex digits)
 * Digest.parse(d.render()).equals(d); // true
 * }</pre>
 *
 * @param length bytes of the value, >= 0
 * @param crc    CRC-32 of the value's bytes (java.util.zip.CRC32, as an unsigned 32-bit number)
 */
public record Digest(int length, long crc) {
    /** Checks the ranges stated on the components. */
    public Digest {
        if (length < 0) {
            throw new IllegalArgumentException("a value's length must be >= 0, was " + length);
        }
        if (crc < 0 || crc > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("a CRC-32 must fit in 32 unsigned bits, was " + crc);
        }
    }

    /** The digest of {@code value}. */
    public static Digest of(byte[] value) {
        CRC32 crc = new CRC32();
        crc.update(value);
        return new Digest(value.length, crc.getValue());
    }

    /**
     * Parses {@code length:crc}, as {@link #render()} writes it.
     *
     * @throws IllegalArgumentException naming the text when it is not a digest
     */
    public static Digest parse(String text) {
        int colon = text.indexOf(':');
        try {
            if (colon < 1 || colon != text.length() - 9) {
                throw new NumberFormatException("expected length:8 hex digits");
            }
            return new Digest(Integer.parseInt(text.substring(0, colon)),
                    Long.parseLong(text.substring(colon + 1), 16));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a value digest (length:crc32): '" + text + "'", e);
        }
    }

    /** {@code 120:9f3a1b2c}. */
    public String render() {
        return length + ":" + String.format(Locale.ROOT, "%08x", crc);
    }

    @Override
    public String toString() {
        return render();
    }
}
