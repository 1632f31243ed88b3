/**
 * The {@code companion} program: the command line a learner types, the runner that compiles and tests their code
 * in a child JVM, and (from the dashboard issue on) the local web dashboard.
 *
 * <ul>
 *   <li>{@link companion.app.cli}: one picocli command per verb ({@code init}, {@code test}, {@code status}, ...).
 *   <li>{@link companion.app.workspace}: the learner's workspace on disk: its state, history and starter files.
 *   <li>{@link companion.app.runner}: compiles the workspace and runs criteria in a child JVM, surviving whatever
 *       the learner's code does there.
 * </ul>
 */
package companion.app;
