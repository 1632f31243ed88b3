/**
 * Deliberately broken stores that prove every acceptance criterion can fail; each flaw names the criterion that
 * must catch it.
 *
 * <ul>
 *   <li>Milestone 1: {@link companion.course.mutants.FlawedStore}, a key-value store with one
 *       {@link companion.course.mutants.Flaw}.
 *   <li>Milestone 2: {@link companion.course.mutants.FlawedEngine}, a storage engine (a log of
 *       {@link companion.course.mutants.RecordCodec} records) with one {@link companion.course.mutants.EngineFlaw};
 *       {@code EngineFlaw.NONE} is the correct engine, which the crash harness's own tests also run.
 * </ul>
 *
 * Each is small and correct apart from its one flaw, so a criterion that catches it catches that mistake and no
 * other. Flaws that are races or depend on where a kill lands are marked not deterministic: a criterion catches them
 * in most series of runs, not in every one.
 */
package companion.course.mutants;
