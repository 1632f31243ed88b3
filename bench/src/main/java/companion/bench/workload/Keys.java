package companion.bench.workload;

import java.util.Random;

/**
 * The keys and values of a run, generated from its seed before timing starts, so that every engine sees the same
 * operations in the same order and generation costs nothing inside the measured loop.
 *
 * <p>Key {@code i} is {@code i} in decimal, zero-padded to {@code keySize} characters (sorted order equals numeric
 * order). Values cycle through {@link #DISTINCT_VALUES} random printable strings of {@code valueSize} characters.
 */
public final class Keys {
    /** Distinct values generated; operation j uses value j mod this. */
    static final int DISTINCT_VALUES = 1024;

    private final String[] keys;
    private final String[] values;

    private Keys(String[] keys, String[] values) {
        this.keys = keys;
        this.values = values;
    }

    /**
     * Keys 0..n-1 and the values for a run.
     *
     * @throws IllegalArgumentException when {@code keySize} cannot hold n-1 in decimal, or sizes are not positive
     */
    public static Keys generate(int n, int keySize, int valueSize, long seed) {
        if (n <= 0 || valueSize <= 0) {
            throw new IllegalArgumentException("need n > 0 and valueSize > 0, got n=" + n + ", valueSize=" + valueSize);
        }
        if (String.valueOf(n - 1).length() > keySize) {
            throw new IllegalArgumentException("keys of " + keySize + " bytes cannot number " + n + " distinct keys");
        }
        String[] keys = new String[n];
        String format = "%0" + keySize + "d";
        for (int i = 0; i < n; i++) {
            keys[i] = String.format(format, i);
        }
        Random random = new Random(seed);
        String[] values = new String[DISTINCT_VALUES];
        char[] chars = new char[valueSize];
        for (int v = 0; v < values.length; v++) {
            for (int c = 0; c < valueSize; c++) {
                chars[c] = (char) ('!' + random.nextInt(94)); // printable ASCII: one byte each in UTF-8
            }
            values[v] = new String(chars);
        }
        return new Keys(keys, values);
    }

    /** Key {@code i}. */
    public String key(int i) {
        return keys[i];
    }

    /** The value operation {@code j} writes. */
    public String value(int j) {
        return values[j & (DISTINCT_VALUES - 1)];
    }

    /** How many keys there are. */
    public int size() {
        return keys.length;
    }

    /** The key indexes visited, in {@code order}, from {@code seed}: n of them. */
    public static int[] visitOrder(Workload.Order order, int n, long seed) {
        int[] indexes = new int[n];
        Random random = new Random(seed ^ 0x5DEECE66DL);
        switch (order) {
            case SEQUENTIAL -> {
                for (int i = 0; i < n; i++) {
                    indexes[i] = i;
                }
            }
            case PERMUTATION -> {
                for (int i = 0; i < n; i++) {
                    indexes[i] = i;
                }
                for (int i = n - 1; i > 0; i--) { // Fisher-Yates
                    int j = random.nextInt(i + 1);
                    int swap = indexes[i];
                    indexes[i] = indexes[j];
                    indexes[j] = swap;
                }
            }
            case UNIFORM -> {
                for (int i = 0; i < n; i++) {
                    indexes[i] = random.nextInt(n);
                }
            }
        }
        return indexes;
    }
}
