/**
 * The {@code companion} commands, one class each, as DESIGN.md lists them. Exit statuses: 0 success, 1 a criterion
 * failed or a milestone is not yet passed, 2 a usage error or a compile error. {@code --json} prints one JSON
 * document on standard output and nothing else there.
 */
package companion.app.cli;
