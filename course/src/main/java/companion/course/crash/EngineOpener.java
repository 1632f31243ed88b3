package companion.course.crash;

import companion.api.Durability;
import companion.api.StorageEngine;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Path;

/**
 * Opens a {@link StorageEngine} through a static method named as {@code Class#method}, taking
 * {@code (Path directory, Durability durability)}: how the crash writer and verifier reach an engine they were not
 * compiled against (the reference's, a learner's, or a test's).
 *
 * <pre>{@code
 * EngineOpener opener = EngineOpener.resolve("companion.database.storage.LogStructuredStore#open");
 * try (StorageEngine engine = opener.open(dir, Durability.SYNC)) { ... }
 * }</pre>
 */
public final class EngineOpener {
    private final String spec;
    private final Method method;

    private EngineOpener(String spec, Method method) {
        this.spec = spec;
        this.method = method;
    }

    /**
     * Finds the method {@code spec} names, through this class's class loader.
     *
     * @throws IllegalArgumentException saying exactly what is missing: the '#', the class, or a public static
     *                                  method of that name taking (Path, Durability) and returning a StorageEngine
     */
    public static EngineOpener resolve(String spec) {
        int hash = spec.indexOf('#');
        if (hash < 1 || hash == spec.length() - 1) {
            throw new IllegalArgumentException("an opener is Class#method, e.g."
                    + " companion.database.storage.LogStructuredStore#open; was '" + spec + "'");
        }
        String className = spec.substring(0, hash);
        String methodName = spec.substring(hash + 1);
        Class<?> type;
        try {
            type = Class.forName(className, false, EngineOpener.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalArgumentException("class " + className + " was not found on the classpath, so the"
                    + " opener " + spec + "(Path, Durability) cannot be called", e);
        }
        Method method;
        try {
            method = type.getMethod(methodName, Path.class, Durability.class);
        } catch (NoSuchMethodException e) {
            throw new IllegalArgumentException(className + " has no public method " + methodName
                    + "(Path, Durability): the crash test opens the store through it", e);
        }
        if (!Modifier.isStatic(method.getModifiers())) {
            throw new IllegalArgumentException(spec + "(Path, Durability) must be static");
        }
        if (!StorageEngine.class.isAssignableFrom(method.getReturnType())) {
            throw new IllegalArgumentException(spec + "(Path, Durability) returns " + method.getReturnType().getName()
                    + ", not a " + StorageEngine.class.getName());
        }
        return new EngineOpener(spec, method);
    }

    /**
     * Calls the opener. What it throws reaches the caller unwrapped, as a direct call would.
     *
     * @throws IllegalStateException when it returns null
     */
    public StorageEngine open(Path directory, Durability durability) {
        try {
            Object engine = method.invoke(null, directory, durability);
            if (engine == null) {
                throw new IllegalStateException(spec + " returned null");
            }
            return (StorageEngine) engine;
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(spec + " threw " + cause, cause);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(spec + " is not accessible", e);
        }
    }

    /** {@code Class#method}. */
    public String spec() {
        return spec;
    }
}
