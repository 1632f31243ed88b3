package companion.course.scaffold;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ScaffoldGeneratorTest {
    private static final String SOURCE = String.join("\n",
            "class A {",
            "    int f() {",
            "        int x = 1;",
            "        // @scaffold-begin m1: Return twice x.",
            "        // a comment inside the region",
            "        return 2 * x;",
            "        // @scaffold-default return 0;",
            "        // @scaffold-end",
            "    }",
            "    void g() {",
            "        // @scaffold-begin m2: Later.",
            "        System.out.println();",
            "        // @scaffold-end",
            "    }",
            "}");

    @Test
    void replacesTheTargetMilestonesRegionWithTodoAndDefault() {
        ScaffoldedFile file = ScaffoldGenerator.generate("A.java", SOURCE, "m1");
        assertEquals(String.join("\n",
                "class A {",
                "    int f() {",
                "        int x = 1;",
                "        // TODO(m1): Return twice x.",
                "        return 0;",
                "    }",
                "    void g() {",
                "        System.out.println();",
                "    }",
                "}"), file.text());
    }

    @Test
    void countsCodeLinesNotCommentsOrMarkers() {
        ScaffoldedFile file = ScaffoldGenerator.generate("A.java", SOURCE, "m1");
        assertEquals(9, file.referenceLines());
        assertEquals(1, file.learnerLines());
        assertEquals(8, file.givenLines());
    }

    @Test
    void keepsOtherMilestonesRegionsAsReferenceCode() {
        ScaffoldedFile file = ScaffoldGenerator.generate("A.java", SOURCE, "m2");
        assertEquals(true, file.text().contains("return 2 * x;"));
        assertEquals(true, file.text().contains("// TODO(m2): Later."));
    }

    @Test
    void namesFileAndLineOfAnUnterminatedRegion() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ScaffoldGenerator.generate("B.java", "a\n// @scaffold-begin m1: x\nb", "m1"));
        assertEquals("B.java:3: the region that began at line 2 never ends", e.getMessage());
    }

    @Test
    void rejectsAMisspelledMarker() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ScaffoldGenerator.generate("C.java", "  // @scaffold-begn m1: x", "m1"));
        assertEquals(true, e.getMessage().startsWith("C.java:1: unknown or malformed marker"), e.getMessage());
    }
}
