package companion.bench.ycsb;

import java.util.List;
import java.util.Locale;
import java.util.Properties;

/**
 * The YCSB core workloads A-F as {@link site.ycsb.workloads.CoreWorkload} properties.
 *
 * <p>YCSB ships these as the files {@code workloads/workloada} ... {@code workloadf} of its distribution, not in
 * the {@code site.ycsb:core} jar, so they are rebuilt here from those published definitions: the operation mix
 * ({@code readproportion}, {@code updateproportion}, {@code insertproportion}, {@code scanproportion},
 * {@code readmodifywriteproportion}), the request distribution, and {@code readallfields=true}. The record shape is
 * YCSB's default, written out so that nobody has to look it up: 10 fields of 100 bytes ({@code fieldcount},
 * {@code fieldlength}), keys {@code user<hash>} inserted in hashed order. Record and operation counts are not part
 * of a workload; {@link YcsbRun} sets them.
 *
 * <pre>
 *   workload  read  update  insert  scan  read-modify-write  request distribution
 *   A         50%   50%                                      zipfian
 *   B         95%    5%                                      zipfian
 *   C        100%                                            zipfian
 *   D         95%           5%                               latest
 *   E                       5%     95%                       zipfian (scan length uniform 1..100)
 *   F         50%                         50%                zipfian
 * </pre>
 */
public final class CoreWorkloads {
    /** The letters of the core workloads, in order. */
    public static final List<String> LETTERS = List.of("a", "b", "c", "d", "e", "f");

    private CoreWorkloads() {
    }

    /**
     * The properties of core workload {@code letter} (any case).
     *
     * @throws IllegalArgumentException naming the letter when it is not one of a-f
     */
    public static Properties properties(String letter) {
        Properties p = recordShape();
        switch (normalise(letter)) {
            case "a" -> mix(p, "0.5", "0.5", "0", "0", "0", "zipfian");
            case "b" -> mix(p, "0.95", "0.05", "0", "0", "0", "zipfian");
            case "c" -> mix(p, "1", "0", "0", "0", "0", "zipfian");
            case "d" -> mix(p, "0.95", "0", "0.05", "0", "0", "latest");
            case "e" -> {
                mix(p, "0", "0", "0.05", "0.95", "0", "zipfian");
                p.setProperty("maxscanlength", "100");
                p.setProperty("scanlengthdistribution", "uniform");
            }
            case "f" -> mix(p, "0.5", "0", "0", "0", "0.5", "zipfian");
            default -> throw new AssertionError(letter);
        }
        return p;
    }

    /** True when workload {@code letter} issues scans (only E), which need ordered iteration. */
    public static boolean needsScans(String letter) {
        return Double.parseDouble(properties(letter).getProperty("scanproportion")) > 0;
    }

    /** The letter in lower case, checked. */
    static String normalise(String letter) {
        String lower = letter == null ? "" : letter.trim().toLowerCase(Locale.ROOT);
        if (!LETTERS.contains(lower)) {
            throw new IllegalArgumentException("unknown YCSB core workload '" + letter + "': expected one of a, b,"
                    + " c, d, e, f");
        }
        return lower;
    }

    private static Properties recordShape() {
        Properties p = new Properties();
        p.setProperty("workload", "site.ycsb.workloads.CoreWorkload");
        p.setProperty("table", "usertable");
        p.setProperty("fieldcount", "10");
        p.setProperty("fieldlength", "100");
        p.setProperty("fieldlengthdistribution", "constant");
        p.setProperty("readallfields", "true");
        p.setProperty("writeallfields", "false");
        p.setProperty("insertorder", "hashed");
        return p;
    }

    private static void mix(Properties p, String read, String update, String insert, String scan,
                            String readModifyWrite, String distribution) {
        p.setProperty("readproportion", read);
        p.setProperty("updateproportion", update);
        p.setProperty("insertproportion", insert);
        p.setProperty("scanproportion", scan);
        p.setProperty("readmodifywriteproportion", readModifyWrite);
        p.setProperty("requestdistribution", distribution);
    }
}
