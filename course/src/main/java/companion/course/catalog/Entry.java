package companion.course.catalog;

/**
 * Where the criteria reach the code under test. The same names serve the reference and the learner's workspace,
 * because the starter is generated from the reference: which one runs depends on the classpath.
 *
 * @param opener {@code Class#method}: a static method taking a {@link java.nio.file.Path} and returning the store
 * @param main   the class whose {@code main} the exit-clean criterion runs in a separate process
 */
public record Entry(String opener, String main) {
    /** The class part of {@link #opener}. */
    public String openerClass() {
        return opener.substring(0, opener.indexOf('#'));
    }

    /** The method part of {@link #opener}. */
    public String openerMethod() {
        return opener.substring(opener.indexOf('#') + 1);
    }
}
