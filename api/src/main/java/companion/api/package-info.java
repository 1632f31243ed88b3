/**
 * The contracts between the parts of CS Companion: what a learner implements, and what the acceptance
 * criteria, the benchmarks and the reference database agree on.
 *
 * <p>Milestone 1 defines {@link companion.api.KeyValueStore}: string keys, string values, get / put / delete,
 * persisted to one file. Later milestones add the byte-oriented storage engine, the ordered index, the SQL engine
 * and transactions here, each as its own interface.
 *
 * <p>Errors are one small hierarchy, grouped by who is at fault (see {@link companion.api.DatabaseException}):
 * a caller's mistake is a plain {@link java.lang.IllegalArgumentException} or {@link java.lang.NullPointerException};
 * a damaged file is a {@link companion.api.CorruptionException} naming the file and byte offset; a failing disk is a
 * {@link companion.api.StorageException}. Nothing here returns {@code null} to mean "missing".
 *
 * <p>This module has no dependencies, not even on the reference database: the learner's workspace carries a copy
 * of these sources, so do not change them there.
 */
package companion.api;
