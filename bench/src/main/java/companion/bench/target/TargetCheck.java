package companion.bench.target;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One target checked against one run, for one subject engine: what it asks, what the run measured, and whether
 * that meets it. When a side is missing (an engine not in the run, a workload stopped over its budget) the ratio
 * and the verdict are absent and {@code missing} says why.
 *
 * @param target      the target's id
 * @param engine      the subject: {@code reference}, {@code yours} or {@code reference-m2}
 * @param claim       what issue 5 asks, in words
 * @param goal        {@code >= 3.0} or {@code <= 1.5}
 * @param ratio       the measured ratio, or null when missing
 * @param met         whether the ratio meets the goal, or null when missing
 * @param numerator   the subject's figure (ops/sec, or file bytes for space), or null
 * @param denominator the figure it is divided by (ops/sec, or live bytes), or null
 * @param unit        the unit of both figures: {@code ops/sec} or {@code bytes}, or null when missing
 * @param missing     why no ratio could be computed, or null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TargetCheck(String target, String engine, String claim, String goal, Double ratio, Boolean met,
                          Double numerator, Double denominator, String unit, String missing) {

    static TargetCheck measured(String target, String engine, String claim, String goal, double ratio, boolean met,
                                double numerator, double denominator, String unit) {
        return new TargetCheck(target, engine, claim, goal, ratio, met, numerator, denominator, unit, null);
    }

    static TargetCheck missing(String target, String engine, String claim, String goal, String why) {
        return new TargetCheck(target, engine, claim, goal, null, null, null, null, null, why);
    }

    /** {@code 1.06x (goal >= 3.0): not met} or {@code - (rocksdb has no m2-fillrandom result)}: one cell of text. */
    public String verdict() {
        if (ratio == null) {
            return "- (" + missing + ")";
        }
        return String.format("%.2fx (goal %s): %s", ratio, goal, met ? "met" : "not met");
    }
}
