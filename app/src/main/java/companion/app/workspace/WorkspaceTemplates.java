package companion.app.workspace;

/** The workspace's own small files: a pom.xml any IDE opens, and a README that says what to do. */
final class WorkspaceTemplates {
    private WorkspaceTemplates() {
    }

    /** A plain Maven project: Java 17, no dependencies, so {@code mvn compile} works offline. */
    static String pom(String name) {
        String artifact = name.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9.-]", "-");
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <!-- Your database. companion test compiles src/main/java itself; this file is for your IDE and mvn. -->
                <project xmlns="http://maven.apache.org/POM/4.0.0"
                         xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                         xsi:schemaLocation="http://maven.apache.org/POM/4.0.0 https://maven.apache.org/xsd/maven-4.0.0.xsd">
                  <modelVersion>4.0.0</modelVersion>
                  <groupId>dev.cscompanion.learner</groupId>
                  <artifactId>%s</artifactId>
                  <version>1.0-SNAPSHOT</version>
                  <properties>
                    <maven.compiler.release>17</maven.compiler.release>
                    <project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>
                  </properties>
                  <build>
                    <plugins>
                      <!-- The version CS Companion builds with, so it is already in ~/.m2 and works offline. -->
                      <plugin>
                        <groupId>org.apache.maven.plugins</groupId>
                        <artifactId>maven-compiler-plugin</artifactId>
                        <version>3.14.1</version>
                      </plugin>
                    </plugins>
                  </build>
                </project>
                """.formatted(artifact.isEmpty() ? "my-database" : artifact);
    }

    static String readme() {
        return """
                # My database

                Built milestone by milestone with CS Companion.

                - `LESSON.md`: the current milestone's lesson (also `companion lesson`).
                - `src/main/java/companion/database/`: your database. Fill in the `TODO(m1)` parts.
                - `src/main/java/companion/api/`: the contracts your code implements. Leave them as they are.

                Check your work with `companion test` (from the CS Companion checkout: `./companion test -w <this dir>`).
                Each failing criterion says what it did, what it expected and what it got.
                Try your store by hand once it compiles:

                    java -cp target/classes companion.database.kv.Main data.kv put greeting hello
                    java -cp target/classes companion.database.kv.Main data.kv get greeting
                """;
    }
}
