/**
 * The local web dashboard ({@code companion start}, {@code companion serve}): a Javalin server on 127.0.0.1 that
 * serves the page ({@code companion/dashboard/} resources), the JSON API and server-sent events of
 * docs/dashboard-api.md, runs tests and benchmarks in the background on request or when a file is saved (watch
 * mode), and shows the learner's sources read-only.
 *
 * <ul>
 *   <li>{@link companion.app.dashboard.DashboardServer}: routes, security checks, start and stop.
 *   <li>{@link companion.app.dashboard.Runs}: one run at a time on a worker thread, reported as events.
 *   <li>{@link companion.app.dashboard.EventHub}: the open event streams, and broadcasting to them.
 *   <li>{@link companion.app.dashboard.Watcher}: watch mode over {@code src/main/java}, debounced.
 *   <li>{@link companion.app.dashboard.CriterionView}: a criterion with its latest result, as the page shows it.
 *   <li>{@link companion.app.workspace.SourceFiles}: listing and reading sources, never outside the workspace.
 * </ul>
 *
 * Invariants: every POST carries the page's token and no foreign Origin; no file outside {@code src/main/java} is
 * ever read; at most one test or benchmark run is in progress.
 */
package companion.app.dashboard;
