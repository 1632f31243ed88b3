package companion.course.criteria;


import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class QuoteTest {

    @Test
    void quotesPlainText() {
        assertEquals("\"hello world\"", Quote.of("hello world"));
        assertEquals("\"\"", Quote.of(""));
    }

    @Test
    void escapesLikeJavaSource() {
        assertEquals("\"a\\nb\\r\\tc\\\"d\\\\e\\b\\f\"", Quote.of("a\nb\r\tc\"d\\e\b\f"));
    }

    @Test
    void escapesInvisibleCharactersAsUnicodeEscapes() {
        assertEquals("\"\\u0000\\u001B[0m\"", Quote.of("\u0000\u001B[0m"));
        assertEquals("\"zero\\u200Bwidth\\u00A0space\\u2028\"", Quote.of("zero\u200Bwidth\u00A0space\u2028"));
        assertEquals("\"lone \\uD800 surrogate\"", Quote.of("lone \uD800 surrogate"));
    }

    @Test
    void keepsVisibleUnicodeAsIs() {
        assertEquals("\"café 日本 😀\"", Quote.of("café 日本 😀"));
    }

    @Test
    void showsFortyCharactersWhole() {
        String forty = "x".repeat(40);

        assertEquals("\"" + forty + "\"", Quote.of(forty));
    }

    @Test
    void abbreviatesLongerStringsWithTheirLength() {
        assertEquals("\"" + "x".repeat(24) + "…\" (41 chars)", Quote.of("x".repeat(41)));
        assertEquals("\"" + "a".repeat(24) + "…\" (1,048,576 chars)", Quote.of("a".repeat(1 << 20)));
    }

    @Test
    void neverCutsASurrogatePairInHalf() {
        String emojiAtTheCut = "x".repeat(23) + "😀" + "y".repeat(30);

        assertEquals("\"" + "x".repeat(23) + "…\" (55 chars)", Quote.of(emojiAtTheCut));
    }

    @Test
    void writesNullAsNull() {
        assertEquals("null", Quote.of(null));
    }
}
