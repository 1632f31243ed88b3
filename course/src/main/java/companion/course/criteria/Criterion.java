package companion.course.criteria;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a JUnit test method as the acceptance criterion {@link #value()}, an id from the course catalog.
 * The catalog holds the title and timeout; the method holds the check.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Criterion {
    /** The criterion's kebab-case id, e.g. {@code put-and-get}. */
    String value();
}
