/**
 * Turns the reference database's sources into a learner's starter code by replacing the marked regions with a
 * TODO and a default that compiles (docs/scaffold-markers.md):
 *
 * <pre>
 *   reference                                              starter (milestone 1)
 *   // @scaffold-begin m1: Answer from the map.            // TODO(m1): Answer from the map.
 *   return Optional.ofNullable(map.get(key));        ──▶   throw new UnsupportedOperationException("TODO(m1) ...");
 *   // @scaffold-default throw new Unsupported...(...);
 *   // @scaffold-end
 * </pre>
 *
 * <p>The scaffold share, the fraction of the reference's code lines the starter gives away, is measured here and
 * checked against the catalog's target (80 / 60 / 40 / 20 / 15 %). Code lines are lines that are neither blank nor
 * only a comment; marker and default lines do not count.
 */
package companion.course.scaffold;
