package companion.course.m1;

import companion.course.criteria.Session;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;

/**
 * A sequence of operations on a store, checked step by step against a model ({@link TreeMap}), ending with a
 * reopen and a read of every key it touched. Seeded, so a failing scenario replays exactly.
 */
record Scenario(List<Step> steps) {

    /** One operation. */
    sealed interface Step permits Put, Delete, Get, Reopen {
    }

    record Put(String key, String value) implements Step {
    }

    record Delete(String key) implements Step {
    }

    record Get(String key) implements Step {
    }

    record Reopen() implements Step {
    }

    /** {@code length} random steps over {@code keys} keys from {@code seed}: puts, overwrites, deletes, gets. */
    static Scenario random(long seed, int keys, int length) {
        Random random = new Random(seed);
        List<Step> steps = new ArrayList<>(length);
        for (int i = 0; i < length; i++) {
            String key = String.format("key-%03d", random.nextInt(keys));
            int dice = random.nextInt(100);
            if (dice < 50) {
                steps.add(new Put(key, "value-" + Integer.toString(random.nextInt(1 << 20), 36)));
            } else if (dice < 65) {
                steps.add(new Delete(key));
            } else if (dice < 98) {
                steps.add(new Get(key));
            } else {
                steps.add(new Reopen());
            }
        }
        return new Scenario(steps);
    }

    /**
     * Runs the steps on a store kept in {@code file} (which must not exist yet), then reopens it and reads back
     * every key the steps touched.
     *
     * @throws companion.course.criteria.CriterionFailure at the first answer that differs from the model
     */
    void run(Path file) {
        Map<String, String> model = new TreeMap<>();
        Set<String> touched = new LinkedHashSet<>();
        try (Session session = Session.open(file)) {
            for (Step step : steps) {
                if (step instanceof Put put) {
                    session.put(put.key(), put.value());
                    model.put(put.key(), put.value());
                    touched.add(put.key());
                } else if (step instanceof Delete delete) {
                    session.delete(delete.key());
                    model.remove(delete.key());
                    touched.add(delete.key());
                } else if (step instanceof Get get) {
                    session.expect(get.key(), model.get(get.key()));
                } else {
                    session.reopen();
                }
            }
            session.reopen();
            for (String key : touched) {
                session.expect(key, model.get(key));
            }
        }
    }

    /** Same steps without the ones at {@code positions}; for shrinking. */
    Scenario withSteps(List<Step> kept) {
        return new Scenario(kept);
    }
}
