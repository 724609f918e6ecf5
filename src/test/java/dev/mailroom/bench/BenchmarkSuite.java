package dev.mailroom.bench;

import dev.mailroom.Application;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.TypeExcludeFilter;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.type.classreading.MetadataReader;
import org.springframework.core.type.classreading.MetadataReaderFactory;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * {@code ./mvnw -Pbench -DskipTests verify}: the whole application (embedded PostgreSQL, fresh data) against
 * real servers on loopback, each figure beside a baseline measured in the same run. Prints a Markdown table
 * (also written to target/benchmarks.md). Asserts nothing: these machines are noisy, read medians and ratios.
 */
public final class BenchmarkSuite {

    @FunctionalInterface
    interface Section {
        List<Row> run() throws Exception;
    }

    record Row(String what, String baseline, String measured, String ratio, String target) {
        Row(String what, String baseline, String measured, double ratio, String target) {
            this(what, baseline, measured, "%.2f×".formatted(ratio), target);
        }
    }

    private BenchmarkSuite() {}

    public static void main(String[] args) throws Exception {
        var only = Set.of((args.length == 0 ? "all" : args[0]).split(","));
        var rows = new ArrayList<Row>();
        var dataDir = Files.createTempDirectory("mailroom-bench").resolve("pgdata");
        try (var context = start(dataDir, true)) {
            // Sections sign in through TestTenants, which installs this context's security strategy globally;
            // browserless sessions need the one the application started with. Each section starts from it.
            var startupStrategy = SecurityContextHolder.getContextHolderStrategy();
            var sections = new LinkedHashMap<String, Section>();
            sections.put("mail", () -> new MailBenchmarks(context).run());
            sections.put("delivery", () -> new DeliveryBenchmarks(context).run());
            sections.put("browser", () -> new BrowserBenchmarks(context).run());
            sections.put("oauth", () -> new OAuthBenchmarks(context).run());
            sections.put("badges", () -> new BadgeBenchmarks(context, () -> start(dataDir, false)).run());
            sections.put(
                    "scale",
                    () -> new ScaleBenchmarks(
                                    context,
                                    () -> start(
                                            Files.createTempDirectory("mailroom-bench-small")
                                                    .resolve("pgdata"),
                                            true))
                            .run());
            sections.put("memory", () -> new MemoryBenchmarks(context).run());
            sections.put("startup", () -> new StartupBenchmarks(context).run());
            for (var section : sections.entrySet()) {
                if (only.contains("all") || only.contains(section.getKey())) {
                    SecurityContextHolder.setContextHolderStrategy(startupStrategy);
                    rows.addAll(section.getValue().run());
                }
            }
        }
        String report = report(rows);
        System.out.println(report);
        Files.writeString(Path.of("target", "benchmarks.md"), report);
        System.exit(0);
    }

    /**
     * @param first the first node owns the demo data and the demo mailbox; a second node shares its database
     */
    private static ConfigurableApplicationContext start(Path dataDir, boolean first) {
        return new SpringApplicationBuilder(Application.class)
                // The test classes are on this class path: leave their own configurations (e.g. scripted DNS) out.
                .initializers(context -> context.getBeanFactory()
                        .registerSingleton("benchExcludesTests", new ExcludeTestConfigurations()))
                .run(
                        "--server.port=0",
                        "--server.address=127.0.0.1",
                        "--mailroom.embedded-database.enabled=true",
                        "--mailroom.embedded-database.data-dir=" + dataDir,
                        "--mailroom.demo.enabled=" + first,
                        "--mailroom.demo-mailbox.port=0",
                        "--mailroom.oauth.allow-http-loopback=true",
                        "--mailroom.egress.plaintext-auth-networks=127.0.0.0/8",
                        // As deployed (browserless UIs need no frontend bundle); see MemoryBenchmarks for why it
                        // matters.
                        "--vaadin.productionMode=" + System.getProperty("bench.production", "true"),
                        "--mailroom.outbox.enabled=false",
                        "--mailroom.throttle.connection-test.admin.capacity=100000000",
                        "--mailroom.throttle.connection-test.tenant.capacity=100000000",
                        "--mailroom.throttle.connection-test.host.capacity=100000000",
                        "--mailroom.throttle.save.admin.capacity=100000000",
                        "--mailroom.throttle.save.tenant.capacity=100000000",
                        "--logging.level.root=warn",
                        "--logging.level.dev.mailroom=warn");
    }

    /** Like Spring Boot's test filter: a @TestConfiguration or a test class is not part of the application. */
    static final class ExcludeTestConfigurations extends TypeExcludeFilter {
        @Override
        public boolean match(MetadataReader reader, MetadataReaderFactory factory) {
            var name = reader.getClassMetadata().getClassName();
            return reader.getAnnotationMetadata()
                            .hasAnnotation("org.springframework.boot.test.context.TestConfiguration")
                    || name.contains("Test$")
                    || name.endsWith("Test")
                    || name.endsWith("IT");
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof ExcludeTestConfigurations;
        }

        @Override
        public int hashCode() {
            return ExcludeTestConfigurations.class.hashCode();
        }
    }

    private static String report(List<Row> rows) {
        var os = ManagementFactory.getOperatingSystemMXBean();
        var out = new StringBuilder();
        out.append("Machine: ")
                .append(os.getAvailableProcessors())
                .append(" cores, ")
                .append(os.getName())
                .append(' ')
                .append(os.getArch())
                .append("; JDK ")
                .append(Runtime.version())
                .append("; ")
                .append(LocalDate.now())
                .append("\n\n");
        out.append(
                "| what | baseline (min / **median** / max) | Mailroom (min / **median** / max) | ratio of medians | target |\n");
        out.append("|---|---|---|---|---|\n");
        for (var r : rows) {
            out.append("| ")
                    .append(r.what())
                    .append(" | ")
                    .append(r.baseline())
                    .append(" | ")
                    .append(r.measured())
                    .append(" | ")
                    .append(r.ratio())
                    .append(" | ")
                    .append(r.target())
                    .append(" |\n");
        }
        return out.toString();
    }
}
