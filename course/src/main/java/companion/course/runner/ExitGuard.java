package companion.course.runner;

import java.security.Permission;

/**
 * Refuses {@code System.exit} while criteria run, so that a learner's {@code System.exit(1)} inside a store fails
 * that one criterion (as a {@link SecurityException} at the call) instead of ending the whole test run.
 *
 * <p>It uses the security manager, which Java 17 still allows with {@code -Djava.security.manager=allow} and which
 * later JDKs remove. Where it cannot be installed, the CLI still copes: the child exits, and the parent reports the
 * criterion that was running and restarts the child for the rest. Every other permission is granted.
 */
@SuppressWarnings("removal")
final class ExitGuard extends SecurityManager {
    private volatile boolean exitAllowed;

    /** Installs the guard; returns false when this JDK does not allow it. */
    static boolean install(ExitGuard guard) {
        try {
            System.setSecurityManager(guard);
            return true;
        } catch (UnsupportedOperationException | SecurityException e) {
            return false;
        }
    }

    /** Lets the runner itself end the JVM. */
    void allowExit() {
        exitAllowed = true;
    }

    @Override
    public void checkExit(int status) {
        if (!exitAllowed) {
            throw new SecurityException("System.exit(" + status + ") was called");
        }
    }

    @Override
    public void checkPermission(Permission permission) {
        // everything else is allowed: this guard is about exit only
    }

    @Override
    public void checkPermission(Permission permission, Object context) {
        // everything else is allowed
    }
}
