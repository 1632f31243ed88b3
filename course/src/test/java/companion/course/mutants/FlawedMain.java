package companion.course.mutants;

import java.nio.file.Path;

/** The reference Main's command line over a {@link FlawedStore}; the flaw comes from {@code -Dflaw=NAME}. */
public final class FlawedMain {
    private FlawedMain() {
    }

    public static void main(String[] args) {
        FlawedStore store = new FlawedStore(Path.of(args[0]), Flaw.valueOf(System.getProperty("flaw")));
        switch (args[1]) {
            case "put" -> store.put(args[2], args[3]);
            case "get" -> System.out.println(store.get(args[2]).orElse("(not found)"));
            default -> store.delete(args[2]);
        }
        store.close();
    }
}
