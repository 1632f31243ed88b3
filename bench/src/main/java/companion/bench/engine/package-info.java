/**
 * The contract every benchmarked database is run through: {@link companion.bench.engine.Engine} opens a
 * {@link companion.api.KeyValueStore} in a directory at a {@link companion.api.Durability}, and says how it honours
 * that durability ({@link companion.bench.engine.EngineSettings}) or why it cannot. Workloads never know which
 * database they drive.
 */
package companion.bench.engine;
