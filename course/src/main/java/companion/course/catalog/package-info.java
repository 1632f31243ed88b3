/**
 * The milestone catalog: {@code companion/course/milestones.json} read into records. It is data, not code, so
 * that the CLI, the dashboard and the self-check all agree on ids, titles and files.
 *
 * <p>Invariants (checked by {@code CatalogTest}): milestone numbers are 1..5 in order; criterion ids are
 * kebab-case and unique across the course; every criterion of an available milestone is implemented by exactly one
 * method of the milestone's suite, and every suite method is in the catalog.
 */
package companion.course.catalog;
