package companion.course.catalog;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A public static method named {@code Class#method}, found by reflection and called as a direct call would be:
 * how the criteria, the crash harness and the benchmarks reach the code under test (the learner's or the
 * reference's, whichever the classpath holds) without linking to it.
 *
 * <pre>{@code
 * EntryPoint open = EntryPoint.resolve("companion.database.kv.KVStore#open", loader,
 *         "the criteria open your store through it", Path.class);
 * KeyValueStore store = (KeyValueStore) open.call(file);
 * }</pre>
 */
public final class EntryPoint {
    private final String spec;
    private final Method method;

    private EntryPoint(String spec, Method method) {
        this.spec = spec;
        this.method = method;
    }

    /**
     * Finds {@code spec}, a public static method taking {@code parameters}, through {@code loader}.
     *
     * @param purpose why the method is needed, for the error message ("the criteria open your store through it")
     * @throws IllegalArgumentException saying exactly what is missing: the '#', the class, or the method
     */
    public static EntryPoint resolve(String spec, ClassLoader loader, String purpose, Class<?>... parameters) {
        int hash = spec.indexOf('#');
        if (hash < 1 || hash == spec.length() - 1) {
            throw new IllegalArgumentException("an entry point is Class#method; was '" + spec + "'");
        }
        String className = spec.substring(0, hash);
        String signature = spec.substring(hash + 1) + "(" + Arrays.stream(parameters).map(Class::getSimpleName)
                .collect(Collectors.joining(", ")) + ")";
        Class<?> type;
        try {
            type = Class.forName(className, false, loader);
        } catch (ClassNotFoundException e) {
            throw new IllegalArgumentException("class " + className + " was not found on the classpath: " + purpose, e);
        }
        Method method;
        try {
            method = type.getMethod(spec.substring(hash + 1), parameters);
        } catch (NoSuchMethodException e) {
            throw new IllegalArgumentException(className + " has no public static method " + signature + ": "
                    + purpose, e);
        }
        if (!Modifier.isStatic(method.getModifiers())) {
            throw new IllegalArgumentException(className + "." + signature + " must be static: " + purpose);
        }
        return new EntryPoint(spec, method);
    }

    /** {@link #resolve}, or empty when the class or the method does not exist. */
    public static Optional<EntryPoint> find(String spec, ClassLoader loader, Class<?>... parameters) {
        try {
            return Optional.of(resolve(spec, loader, "", parameters));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /**
     * Calls the method with {@code args}. What it throws reaches the caller unwrapped, as a direct call would.
     *
     * @throws IllegalStateException when it throws a checked exception, or cannot be accessed
     */
    public Object call(Object... args) {
        return invoke(spec, method, null, args);
    }

    /**
     * Calls {@code method} on {@code target} (null for a static method) as a direct call would: what it throws
     * reaches the caller unwrapped. {@code name} names it in the exception for a checked throw or no access.
     */
    static Object invoke(String name, Method method, Object target, Object... args) {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(name + " threw " + cause, cause);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(name + " is not accessible", e);
        }
    }

    /** The type the method declares it returns. */
    public Class<?> returnType() {
        return method.getReturnType();
    }

    /** {@code Class#method}. */
    public String spec() {
        return spec;
    }
}
