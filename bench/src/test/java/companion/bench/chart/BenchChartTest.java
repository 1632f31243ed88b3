package companion.bench.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import companion.bench.run.ScalingPoint;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Writes real PNGs for sample runs and reads them back; checks the small rules the pictures rest on. */
class BenchChartTest {

    /** Bars spanning far more than 100x (so a log axis), and an engine missing from one workload. */
    static Map<String, Map<String, Double>> sampleBars() {
        Map<String, Map<String, Double>> bars = new LinkedHashMap<>();
        bars.put("fillseq", Map.of("yours", 4_100.0, "reference", 690_000.0, "rocksdb", 910_000.0,
                "lmdb", 1_200_000.0));
        bars.put("readrandom", Map.of("yours", 2_300_000.0, "reference", 28_000_000.0, "rocksdb", 1_600_000.0,
                "lmdb", 9_500_000.0));
        bars.put("overwrite", Map.of("yours", 3_900.0, "reference", 640_000.0, "rocksdb", 850_000.0));
        return bars;
    }

    /** "yours" runs out of time at 100k; the others reach 1M. */
    static List<ScalingPoint> sampleScaling() {
        return List.of(
                new ScalingPoint("yours", 1_000, 52_000.0, 19, null, 1_000),
                new ScalingPoint("yours", 10_000, 6_100.0, 1_640, null, 10_000),
                new ScalingPoint("yours", 100_000, null, 30_000, "ran past the 30 s budget", 50_000),
                new ScalingPoint("reference", 1_000, 410_000.0, 2, null, 1_000),
                new ScalingPoint("reference", 10_000, 650_000.0, 15, null, 10_000),
                new ScalingPoint("reference", 100_000, 700_000.0, 143, null, 100_000),
                new ScalingPoint("reference", 1_000_000, 690_000.0, 1_449, null, 1_000_000),
                new ScalingPoint("rocksdb", 1_000, 300_000.0, 3, null, 1_000),
                new ScalingPoint("rocksdb", 10_000, 800_000.0, 13, null, 10_000),
                new ScalingPoint("rocksdb", 100_000, 920_000.0, 109, null, 100_000),
                new ScalingPoint("rocksdb", 1_000_000, 880_000.0, 1_136, null, 1_000_000),
                new ScalingPoint("lmdb", 1_000, 900_000.0, 1, null, 1_000),
                new ScalingPoint("lmdb", 1_000_000, 1_150_000.0, 870, null, 1_000_000));
    }

    @Test
    void writesBothPanelsWithAStoppedEngine(@TempDir Path dir) throws IOException {
        Path png = dir.resolve("charts/run.png");
        BenchChart.write(png, "Milestone 1, durability none", sampleBars(), sampleScaling());
        assertPicture(png);
    }

    @Test
    void writesOnlyTheBarChartWhenThereIsNoScaling(@TempDir Path dir) throws IOException {
        Path png = dir.resolve("bars.png");
        BenchChart.write(png, "Milestone 1, durability none", sampleBars(), List.of());
        assertPicture(png);
    }

    @Test
    void replacesAnEarlierFile(@TempDir Path dir) throws IOException {
        Path png = dir.resolve("run.png");
        Files.writeString(png, "not a png");
        BenchChart.write(png, "again", sampleBars(), sampleScaling());
        assertPicture(png);
    }

    @Test
    void writesOnlyTheScalingPanelWhenNoBarCanBeDrawn(@TempDir Path dir) throws IOException {
        Path png = dir.resolve("scaling.png");
        BenchChart.write(png, "scaling only", Map.of("fillseq", Map.of("yours", 0.0)), sampleScaling());
        assertPicture(png);
    }

    @Test
    void refusesToDrawNothing(@TempDir Path dir) {
        assertThrows(IllegalArgumentException.class,
                () -> BenchChart.write(dir.resolve("x.png"), "empty", Map.of(), List.of()));
        assertThrows(IllegalArgumentException.class,
                () -> BenchChart.write(dir.resolve("y.png"), "zeros", Map.of("w", Map.of("yours", 0.0)), List.of()));
    }

    @Test
    void barsTurnLogarithmicPastAHundredfold() {
        assertTrue(BarPanel.needsLogScale(sampleBars()));
        assertFalse(BarPanel.needsLogScale(Map.of("w", Map.of("a", 1_000.0, "b", 99_000.0))));
        assertFalse(BarPanel.needsLogScale(Map.of("w", Map.of("a", 0.0, "b", 5.0))));
    }

    @Test
    void numbersAreCompact() {
        assertEquals("1k", ChartStyle.compact(1_000));
        assertEquals("100k", ChartStyle.compact(100_000));
        assertEquals("1M", ChartStyle.compact(1_000_000));
        assertEquals("1.5M", ChartStyle.compact(1_500_000));
        assertEquals("250", ChartStyle.compact(250));
    }

    @Test
    void yoursAndReferenceComeFirstWithTheirOwnColours() {
        Map<String, java.awt.Color> colors = EngineColors.assign(List.of("rocksdb", "reference", "h2", "yours"));
        assertEquals(List.of("yours", "reference", "h2", "rocksdb"), List.copyOf(colors.keySet()));
        assertNotEquals(colors.get("yours"), colors.get("reference"));
        assertNotEquals(colors.get("h2"), colors.get("rocksdb"));
    }

    /** Exists, decodes as a PNG, has the promised size, and holds more than one colour. */
    private static void assertPicture(Path png) throws IOException {
        assertTrue(Files.size(png) > 0, png + " is empty");
        BufferedImage image = ImageIO.read(png.toFile());
        assertNotNull(image, png + " does not decode as an image");
        assertEquals(BenchChart.WIDTH, image.getWidth());
        assertEquals(BenchChart.HEIGHT, image.getHeight());
        int first = image.getRGB(0, 0);
        boolean varied = false;
        for (int y = 0; y < image.getHeight() && !varied; y += 3) {
            for (int x = 0; x < image.getWidth() && !varied; x += 3) {
                varied = image.getRGB(x, y) != first;
            }
        }
        assertTrue(varied, png + " is a single colour");
    }
}
