package companion.app;

import companion.app.cli.Companion;

/** The {@code companion} program's entry point: {@code java -jar app/target/companion.jar COMMAND ...}. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.exit(Companion.execute(args));
    }
}
