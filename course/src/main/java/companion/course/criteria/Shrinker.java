package companion.course.criteria;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Reduces a failing sequence of operations to a small one that still fails (Zeller's delta debugging, ddmin):
 * try removing chunks, halving the chunk size when nothing can go, until no single element can be removed.
 * A learner then reads three operations instead of three hundred.
 *
 * <p>Requires: the predicate is deterministic for a given sequence (each try runs on a fresh store file).
 */
public final class Shrinker {
    private Shrinker() {
    }

    /**
     * The smallest failing subsequence found within {@code maxTries} runs of {@code fails}.
     *
     * @param failing a sequence for which {@code fails} is true
     * @param fails   runs a candidate sequence; true when it still fails
     */
    public static <T> List<T> shrink(List<T> failing, Predicate<List<T>> fails, int maxTries) {
        List<T> current = new ArrayList<>(failing);
        int chunks = 2;
        int tries = 0;
        while (current.size() >= 2 && tries < maxTries) {
            int chunkSize = (int) Math.ceil(current.size() / (double) chunks);
            boolean removed = false;
            for (int start = 0; start < current.size() && tries < maxTries; start += chunkSize) {
                List<T> candidate = new ArrayList<>(current.subList(0, start));
                candidate.addAll(current.subList(Math.min(current.size(), start + chunkSize), current.size()));
                tries++;
                if (!candidate.isEmpty() && fails.test(candidate)) {
                    current = candidate;
                    chunks = Math.max(chunks - 1, 2);
                    removed = true;
                    break;
                }
            }
            if (!removed) {
                if (chunkSize == 1) {
                    break; // no single element can be removed: 1-minimal
                }
                chunks = Math.min(chunks * 2, current.size());
            }
        }
        return current;
    }
}
