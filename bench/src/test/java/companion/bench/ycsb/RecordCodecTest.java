package companion.bench.ycsb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RecordCodecTest {
    /** Characters that would break a delimiter-based format, plus surrogates and control characters. */
    private static final String AWKWARD = ":0123456789\n\r\t\0 ,;=\"'\\é€\uD83D\uDE00\uFFFF";

    @Test
    void documentedExample() {
        Map<String, String> record = new LinkedHashMap<>();
        record.put("field0", "abc");
        record.put("f", "");
        assertEquals("1:f0:6:field03:abc", RecordCodec.encode(record));
        assertEquals(record, RecordCodec.decode("1:f0:6:field03:abc"));
    }

    @Test
    void emptyRecordIsTheEmptyString() {
        assertEquals("", RecordCodec.encode(Map.of()));
        assertEquals(Map.of(), RecordCodec.decode(""));
    }

    @Test
    void arbitraryRecordsRoundTrip() {
        Random random = new Random(20240611L);
        for (int i = 0; i < 2_000; i++) {
            Map<String, String> record = randomRecord(random);
            String encoded = RecordCodec.encode(record);
            assertEquals(record, RecordCodec.decode(encoded), () -> "record " + record + " encoded as " + encoded);
        }
    }

    @Test
    void encodingIsCanonicalWhateverTheMapOrder() {
        Random random = new Random(7L);
        for (int i = 0; i < 200; i++) {
            Map<String, String> record = randomRecord(random);
            List<String> names = new ArrayList<>(record.keySet());
            Collections.shuffle(names, random);
            Map<String, String> reordered = new LinkedHashMap<>();
            names.forEach(name -> reordered.put(name, record.get(name)));
            assertEquals(RecordCodec.encode(record), RecordCodec.encode(reordered));
        }
    }

    @Test
    void malformedRecordsAreRejected() {
        for (String bad : List.of("x", "3:ab", "1:a", "1:a2", "1:a:", ":a0:", "1:a0:1:a0:", "1:a99999999999:b")) {
            assertThrows(IllegalArgumentException.class, () -> RecordCodec.decode(bad), bad);
        }
    }

    private static Map<String, String> randomRecord(Random random) {
        Map<String, String> record = new HashMap<>();
        int fields = random.nextInt(12);
        for (int f = 0; f < fields; f++) {
            record.put(randomText(random, 12), randomText(random, 300));
        }
        return record;
    }

    private static String randomText(Random random, int maxLength) {
        int length = random.nextInt(maxLength + 1);
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            switch (random.nextInt(3)) {
                case 0 -> text.append(AWKWARD.charAt(random.nextInt(AWKWARD.length())));
                case 1 -> text.append((char) random.nextInt(Character.MAX_VALUE + 1));
                default -> text.append((char) (' ' + random.nextInt(95)));
            }
        }
        return text.toString();
    }
}
