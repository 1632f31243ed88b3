package companion.course.crash;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The values the crash writer puts: each one names the write that produced it, so a value read back after a crash
 * can be traced to that write, or shown never to have been written.
 *
 * <pre>
 *   value  := header padding
 *   header := "t" thread "#" seq ";"          ASCII, e.g. t1#17;
 *   padding:= [a-z0-9]*                       pseudo-random, from (seed, thread, seq, key); fills the length
 * </pre>
 *
 * <pre>{@code
 * byte[] v = TracedValue.of(42, 1, 17, "k1-03", 40);  // "t1#17;" and 34 padding bytes
 * TracedValue.trace(v);                               // Optional[Origin[thread=1, seq=17]]
 * }</pre>
 *
 * <p>The header alone does not prove a value intact: the checker also compares the whole value's {@link Digest}
 * with the one the writer announced for that key, which catches a torn or misplaced value. Padding depends on the
 * key, so the items of one batch have different values.
 */
public final class TracedValue {
    /** Bytes of a value the verifier reports (as hex), enough for any header. */
    public static final int HEAD_BYTES = 24;

    private static final Pattern HEADER = Pattern.compile("^t(\\d{1,2})#(\\d{1,9});");
    private static final char[] PADDING = "abcdefghijklmnopqrstuvwxyz0123456789".toCharArray();

    private TracedValue() {
    }

    /** The write a header names: thread {@code thread}'s operation number {@code seq}. */
    public record Origin(int thread, long seq) {
        /** {@code t1#17}, as the protocol writes a write's id. */
        public String id() {
            return "t" + thread + "#" + seq;
        }
    }

    /**
     * The value thread {@code thread}'s write {@code seq} puts under {@code key}: {@code length} bytes, or the
     * header and one padding byte if {@code length} is shorter than that.
     */
    public static byte[] of(long seed, int thread, long seq, String key, int length) {
        byte[] header = ("t" + thread + "#" + seq + ";").getBytes(StandardCharsets.US_ASCII);
        byte[] value = new byte[Math.max(length, header.length + 1)];
        System.arraycopy(header, 0, value, 0, header.length);
        SplittableRandom padding = new SplittableRandom(CrashPlan.mix(seed * 31 + key.hashCode())
                ^ CrashPlan.mix(thread * 1_000_003L + seq));
        for (int i = header.length; i < value.length; i++) {
            value[i] = (byte) PADDING[padding.nextInt(PADDING.length)];
        }
        return value;
    }

    /** The write named by the header at the start of {@code head}; empty when there is no header. */
    public static Optional<Origin> trace(byte[] head) {
        int n = Math.min(head.length, HEAD_BYTES);
        Matcher m = HEADER.matcher(new String(head, 0, n, StandardCharsets.ISO_8859_1));
        return m.find() ? Optional.of(new Origin(Integer.parseInt(m.group(1)), Long.parseLong(m.group(2))))
                : Optional.empty();
    }

    /** The first {@link #HEAD_BYTES} bytes of {@code value} as lower-case hex: what the verifier prints. */
    public static String headHex(byte[] value) {
        StringBuilder hex = new StringBuilder();
        for (int i = 0; i < Math.min(value.length, HEAD_BYTES); i++) {
            hex.append(Character.forDigit((value[i] >> 4) & 0xF, 16)).append(Character.forDigit(value[i] & 0xF, 16));
        }
        return hex.toString();
    }

    /**
     * Parses {@link #headHex}'s output.
     *
     * @throws IllegalArgumentException naming the text when it is not an even number of hex digits
     */
    public static byte[] parseHex(String hex) {
        if (hex.length() % 2 != 0 || !hex.matches("[0-9a-f]*")) {
            throw new IllegalArgumentException("not lower-case hex bytes: '" + hex + "'");
        }
        byte[] bytes = new byte[hex.length() / 2];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) Integer.parseInt(hex.substring(2 * i, 2 * i + 2), 16);
        }
        return bytes;
    }

    /** {@code head} for a person: printable ASCII as is, anything else as {@code \xNN}. */
    public static String show(byte[] head) {
        StringBuilder s = new StringBuilder();
        for (byte b : head) {
            s.append(b >= 0x20 && b < 0x7F ? String.valueOf((char) b) : String.format("\\x%02x", b & 0xFF));
        }
        return s.toString();
    }
}
