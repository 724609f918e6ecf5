package dev.mailroom.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.util.FileSystemUtils;

/** The production layout, built once per suite run, and how to point it at the suite's database. */
final class ProductionBuild {

    private static @Nullable Path built;

    private ProductionBuild() {}

    /**
     * {@code ./mvnw -Pproduction package} in a copy of the sources (so this tree's development-mode build stays as it
     * is), with the Maven of this run; returns the folder the build laid out (target/mailroom).
     */
    static synchronized Path distribution() throws Exception {
        if (built != null) {
            return built;
        }
        var copy = Files.createTempDirectory("bench-production");
        for (String part : List.of("pom.xml", "mvnw", ".mvn", "src/main", "db", "frontend")) {
            var from = Path.of(part);
            var to = copy.resolve(part);
            Files.createDirectories(to.getParent());
            FileSystemUtils.copyRecursively(from, to);
        }
        copy.resolve("mvnw").toFile().setExecutable(true);
        var log = copy.resolve("build.log");
        var build = new ProcessBuilder(
                        copy.resolve("mvnw").toString(), "-q", "-Pproduction", "-Dmaven.test.skip=true", "package")
                .directory(copy.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        build.environment().put("JAVA_HOME", System.getProperty("java.home"));
        long start = System.nanoTime();
        int exit = build.start().waitFor();
        if (exit != 0) {
            throw new IllegalStateException("The production build failed (exit " + exit + "); see " + log);
        }
        System.out.printf(
                "Production build with the ahead-of-time cache's training: %.1f s%n",
                (System.nanoTime() - start) / 1e9);
        built = copy.resolve("target").resolve("mailroom");
        return built;
    }

    /** The environment that points Mailroom at the suite's database, as README's "external PostgreSQL" row says. */
    static Map<String, String> externalDatabase(ConfigurableApplicationContext node) throws IOException {
        var env = node.getEnvironment();
        // The suite's node made its key in a file beside its data; a deployment sets the variable.
        String key = Files.readString(Path.of(env.getRequiredProperty("mailroom.embedded-database.data-dir"))
                        .toAbsolutePath()
                        .resolveSibling("secret.key"))
                .strip();
        var vars = new HashMap<String, String>();
        vars.put("JAVA_HOME", System.getProperty("java.home"));
        vars.put("MAILROOM_SECRET_KEY", key);
        vars.put("SPRING_DATASOURCE_URL", env.getRequiredProperty("spring.datasource.url"));
        vars.put("SPRING_DATASOURCE_USERNAME", env.getRequiredProperty("spring.datasource.username"));
        vars.put("SPRING_DATASOURCE_PASSWORD", env.getRequiredProperty("spring.datasource.password"));
        vars.put("SPRING_FLYWAY_USER", env.getRequiredProperty("spring.flyway.user"));
        vars.put("SPRING_FLYWAY_PASSWORD", env.getProperty("spring.flyway.password", ""));
        return vars;
    }
}
