package companion.bench.chart;

import java.awt.Color;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * One colour per engine, the same in every panel of a chart, and the order engines appear in (legend and bars).
 * The learner's engine and the reference stand out; the peers share a quieter palette.
 */
final class EngineColors {
    /** The learner's code: the series the reader looks for first, so the loudest colour. */
    static final String YOURS = "yours";
    /** The reference database: the yardstick, so the second most visible colour. */
    static final String REFERENCE = "reference";

    private static final Color YOURS_COLOR = new Color(0xE0, 0x3C, 0x1F);
    private static final Color REFERENCE_COLOR = new Color(0x1F, 0x4E, 0x9C);
    /** Colour-blind-friendly hues that neither of the two above resembles; the peers take them in name order. */
    private static final List<Color> PEER_COLORS = List.of(
            new Color(0x2A, 0x9D, 0x8F), // teal
            new Color(0xE9, 0xB4, 0x2C), // gold
            new Color(0x8E, 0x6C, 0xB0), // violet
            new Color(0x7F, 0x7F, 0x7F), // grey
            new Color(0x8C, 0x56, 0x3B), // brown
            new Color(0xCC, 0x79, 0xA7), // pink
            new Color(0x56, 0xB4, 0xE9), // sky
            new Color(0x6A, 0x9A, 0x3A)); // olive

    private EngineColors() {
    }

    /**
     * Colours for {@code engines}, in display order: {@value #YOURS}, then {@value #REFERENCE}, then the others by
     * name. By name rather than by first appearance, so that a peer keeps its colour whichever map it came from.
     */
    static Map<String, Color> assign(Collection<String> engines) {
        TreeSet<String> others = new TreeSet<>(engines);
        Map<String, Color> colors = new LinkedHashMap<>();
        if (others.remove(YOURS)) {
            colors.put(YOURS, YOURS_COLOR);
        }
        if (others.remove(REFERENCE)) {
            colors.put(REFERENCE, REFERENCE_COLOR);
        }
        List<String> rest = new ArrayList<>(others);
        for (int i = 0; i < rest.size(); i++) {
            colors.put(rest.get(i), PEER_COLORS.get(i % PEER_COLORS.size()));
        }
        return Collections.unmodifiableMap(colors);
    }
}
