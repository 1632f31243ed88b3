package companion.course.runner;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;

import companion.course.catalog.CriterionSpec;
import companion.course.catalog.Milestone;
import companion.course.criteria.Criterion;
import companion.course.criteria.CriterionFailure;
import companion.course.criteria.Frames;
import companion.course.criteria.Subject;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * Runs one criterion in this JVM, through the JUnit Platform Launcher, against the current {@link Subject}, and
 * turns what JUnit reports into a {@link CriterionResult} a learner can read.
 *
 * <p>It adds no protection of its own: an endless loop here hangs the caller. {@link ChildMain} wraps it with a
 * watchdog; the self-check calls it directly on mutants that are known to end.
 */
public final class CriterionRunner {
    private final Launcher launcher = LauncherFactory.create();

    /** Runs {@code spec} of {@code milestone} and waits for it to finish. */
    public CriterionResult run(Milestone milestone, CriterionSpec spec) {
        long seed = Subject.current().seed();
        Method method = methodOf(milestone, spec.id());
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                .selectors(selectMethod(method.getDeclaringClass(), method))
                .configurationParameter("junit.jupiter.extensions.autodetection.enabled", "false")
                .build();
        AtomicReference<TestExecutionResult> outcome = new AtomicReference<>();
        AtomicReference<TestExecutionResult> containerFailure = new AtomicReference<>();
        long start = System.nanoTime();
        launcher.execute(request, new TestExecutionListener() {
            @Override
            public void executionFinished(TestIdentifier id, TestExecutionResult result) {
                if (id.isTest()) {
                    outcome.set(result);
                } else if (result.getStatus() != TestExecutionResult.Status.SUCCESSFUL) {
                    containerFailure.compareAndSet(null, result);
                }
            }
        });
        long millis = (System.nanoTime() - start) / 1_000_000;
        TestExecutionResult result = outcome.get() != null ? outcome.get() : containerFailure.get();
        if (result == null) {
            return CriterionResult.of(spec.id(), milestone.number(), spec.title(), Status.ERROR,
                    "JUnit did not run " + method.getName() + ": the acceptance suite itself is broken", millis, seed);
        }
        return toResult(milestone, spec, result, millis, seed);
    }

    private static CriterionResult toResult(Milestone milestone, CriterionSpec spec, TestExecutionResult result,
                                            long millis, long seed) {
        if (result.getStatus() == TestExecutionResult.Status.SUCCESSFUL) {
            return CriterionResult.of(spec.id(), milestone.number(), spec.title(), Status.PASSED, "", millis, seed);
        }
        Throwable thrown = result.getThrowable().orElse(null);
        if (thrown instanceof CriterionFailure failure) {
            return new CriterionResult(spec.id(), milestone.number(), spec.title(), Status.FAILED,
                    failure.getMessage(), millis, failure.did(), failure.expected(), failure.got(),
                    failure.note().orElse(null), seed, null, failure.todo().orElse(null));
        }
        if (thrown instanceof AssertionError) {
            return CriterionResult.of(spec.id(), milestone.number(), spec.title(), Status.FAILED,
                    String.valueOf(thrown.getMessage()), millis, seed);
        }
        String message = thrown == null ? "aborted" : "could not run: " + Frames.describe(thrown)
                + (thrown.getCause() != null ? " (cause: " + Frames.describe(thrown.getCause()) + ")" : "");
        return CriterionResult.of(spec.id(), milestone.number(), spec.title(), Status.ERROR, message, millis, seed);
    }

    /**
     * The suite method annotated {@code @Criterion(id)}.
     *
     * @throws IllegalStateException when the suite has no such method (the catalog and the suite disagree)
     */
    public static Method methodOf(Milestone milestone, String id) {
        Class<?> suite;
        try {
            suite = Class.forName(milestone.suite());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("milestone " + milestone.id() + ": suite " + milestone.suite()
                    + " is not on the classpath", e);
        }
        return Arrays.stream(suite.getDeclaredMethods())
                .filter(m -> m.isAnnotationPresent(Criterion.class) && m.getAnnotation(Criterion.class).value().equals(id))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("suite " + suite.getName() + " has no @Criterion(\""
                        + id + "\") method"));
    }
}
