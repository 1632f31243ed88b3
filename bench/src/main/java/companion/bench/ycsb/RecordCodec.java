package companion.bench.ycsb;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Encodes a YCSB record (field name → value) as one string, so that a String→String store can hold it under the
 * record's key.
 *
 * <h2>Format</h2>
 * Each field, in ascending order of name, is written as
 * <pre>
 *   &lt;length of name&gt; ':' &lt;name&gt; &lt;length of value&gt; ':' &lt;value&gt;
 * </pre>
 * where a length is the decimal count of {@code char}s (UTF-16 code units, {@link String#length()}). So
 * {@code {field0=abc, f=""}} is {@code 1:f0:6:field03:abc}, and the empty record is the empty string.
 *
 * <p>The decoder never searches the text for a delimiter: it reads digits up to the colon, then takes exactly that
 * many characters. Names and values may therefore contain anything, colons and digits included, and the encoding
 * is unambiguous. Sorting by name makes it canonical: equal records encode to equal strings whatever the map's
 * iteration order, which keeps benchmark runs comparable.
 */
public final class RecordCodec {
    private static final char SEPARATOR = ':';

    private RecordCodec() {
    }

    /**
     * The record as one string, fields in ascending order of name.
     *
     * @throws NullPointerException if the map, a name or a value is null
     */
    public static String encode(Map<String, String> fields) {
        Objects.requireNonNull(fields, "fields");
        List<String> names = new ArrayList<>(fields.keySet());
        Collections.sort(names);
        StringBuilder text = new StringBuilder(estimate(fields));
        for (String name : names) {
            String value = Objects.requireNonNull(fields.get(name), () -> "value of field '" + name + "'");
            appendPiece(text, name);
            appendPiece(text, value);
        }
        return text.toString();
    }

    /**
     * The fields of an encoded record, in the order stored (ascending by name).
     *
     * @throws IllegalArgumentException naming the position when {@code text} is not a well-formed record
     */
    public static Map<String, String> decode(String text) {
        Objects.requireNonNull(text, "text");
        Map<String, String> fields = new LinkedHashMap<>();
        int[] position = {0};
        while (position[0] < text.length()) {
            int start = position[0];
            String name = readPiece(text, position, "field name");
            String value = readPiece(text, position, "value of field '" + name + "'");
            if (fields.put(name, value) != null) {
                throw new IllegalArgumentException("malformed YCSB record: field '" + name + "' appears twice"
                        + " (second time at char " + start + ")");
            }
        }
        return fields;
    }

    private static void appendPiece(StringBuilder text, String piece) {
        text.append(piece.length()).append(SEPARATOR).append(piece);
    }

    /** Reads {@code <length>:<chars>} at {@code position[0]} and advances it past the piece. */
    private static String readPiece(String text, int[] position, String what) {
        int at = position[0];
        long length = 0;
        int digits = 0;
        while (at < text.length() && text.charAt(at) != SEPARATOR) {
            char c = text.charAt(at);
            if (c < '0' || c > '9') {
                throw new IllegalArgumentException("malformed YCSB record at char " + at + ": expected a digit of"
                        + " the length of the " + what + ", found '" + c + "'");
            }
            // Any length beyond the text's own is wrong anyway; capping here keeps the long from overflowing.
            length = Math.min(length * 10 + (c - '0'), Integer.MAX_VALUE);
            digits++;
            at++;
        }
        if (at == text.length()) {
            throw new IllegalArgumentException("malformed YCSB record at char " + at + ": the length of the "
                    + what + " has no ':' after it");
        }
        if (digits == 0) {
            throw new IllegalArgumentException("malformed YCSB record at char " + at + ": the " + what
                    + " has no length before its ':'");
        }
        int from = at + 1;
        if (length > text.length() - from) {
            throw new IllegalArgumentException("malformed YCSB record at char " + from + ": the " + what
                    + " claims " + length + " chars but only " + (text.length() - from) + " remain");
        }
        position[0] = from + (int) length;
        return text.substring(from, position[0]);
    }

    private static int estimate(Map<String, String> fields) {
        long chars = 0;
        for (Map.Entry<String, String> field : fields.entrySet()) {
            String value = field.getValue();
            chars += field.getKey().length() + (value == null ? 0 : value.length()) + 16;
        }
        return (int) Math.min(chars, Integer.MAX_VALUE - 16);
    }
}
