package dev.mailroom.bench;

import com.vaadin.browserless.SpringBrowserlessApplicationContext;
import com.vaadin.flow.component.Component;
import dev.mailroom.api.ApiTokens;
import dev.mailroom.console.TenantsConsole;
import dev.mailroom.mail.ConnectionSecurity;
import dev.mailroom.smtp.AuthType;
import dev.mailroom.smtp.SmtpSettingsDraft;
import dev.mailroom.smtp.SmtpSettingsService;
import dev.mailroom.support.TestTenants;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Figures 5 and 6: the same operations with 100 tenants and with 10,000 tenants (5 users each, half with custom
 * settings, one in ten with a mail problem, two sent messages each) in the database. The two sizes are two
 * databases served by two application contexts in this JVM, measured in alternating blocks (each round: a block on
 * one, a block on the other, the order swapped every round; the first round warms up and is not counted), so that
 * the JIT, the caches and a busy moment of the machine fall on both alike. Every call picks a tenant at random, so
 * no one tenant's rows stay warm.
 */
final class ScaleBenchmarks {

    static final int SMALL = 100;
    static final int LARGE = 10_000;
    private static final int ROUNDS = 7;
    private static final String OPERATOR = "operator@mailroom.example";

    private final ConfigurableApplicationContext spring;
    private final Callable<ConfigurableApplicationContext> separateDatabase;

    /**
     * @param separateDatabase starts a second application context on a database of its own (with the demo
     *     operator), for the small side
     */
    ScaleBenchmarks(ConfigurableApplicationContext spring, Callable<ConfigurableApplicationContext> separateDatabase) {
        this.spring = spring;
        this.separateDatabase = separateDatabase;
    }

    List<BenchmarkSuite.Row> run() throws Exception {
        ScaleSeed.in(spring).upTo(LARGE);
        try (var smallContext = separateDatabase.call()) {
            ScaleSeed.in(smallContext).upTo(SMALL);
            var small = new Side(smallContext, SMALL);
            var large = new Side(spring, LARGE);
            for (int round = 0; round < ROUNDS; round++) {
                boolean counted = round > 0;
                var first = round % 2 == 0 ? small : large;
                var second = first == small ? large : small;
                first.block(counted);
                second.block(counted);
            }
            var rows = new ArrayList<BenchmarkSuite.Row>();
            rows.add(row(
                    "5a. Build the SMTP page (server time, browserless navigation incl. layout), " + LARGE + " vs "
                            + SMALL + " tenants",
                    small.page,
                    large.page,
                    "≤ 1.3×, p95 < 25 ms"));
            rows.add(row(
                    "5b. Save SMTP settings (Basic, password encrypted), " + LARGE + " vs " + SMALL + " tenants",
                    small.save,
                    large.save,
                    "≤ 1.3×, p95 < 25 ms"));
            rows.add(row(
                    "5c. API: one tenant's settings and mail status (GET /api/v1/smtp-settings and /api/v1/mail-status"
                            + " over HTTP, the token checked on each), " + LARGE + " vs " + SMALL + " tenants",
                    small.api,
                    large.api,
                    "≤ 1.3× (flat); p95 for reading beside 5a"));
            rows.add(row(
                    "5d. Sign-in lookup: the person, their platform role and their memberships with tenant names"
                            + " (no password check), " + LARGE + " vs " + SMALL + " tenants",
                    small.lookup,
                    large.lookup,
                    "≤ 1.3× (flat)"));
            rows.add(row(
                    "6a. Create a tenant with its first admin (invitation queued), " + LARGE + " vs " + SMALL
                            + " tenants",
                    small.create,
                    large.create,
                    "≤ 1.3×, < 100 ms"));
            rows.add(row(
                    "6b. Operator console: first page of tenants with mail status, " + LARGE + " vs " + SMALL
                            + " tenants",
                    small.list,
                    large.list,
                    "≤ 1.3×, p95 < 150 ms"));
            return rows;
        }
    }

    private static BenchmarkSuite.Row row(String what, List<Double> small, List<Double> large, String target) {
        var s = percentiles(small);
        var l = percentiles(large);
        return new BenchmarkSuite.Row(
                what + " (" + small.size() + " + " + large.size() + " calls)",
                s.format(),
                l.format(),
                l.p50() / s.p50(),
                target);
    }

    private static Stats.Percentiles percentiles(List<Double> ms) {
        return Stats.Percentiles.of(ms.stream().mapToDouble(Double::doubleValue).toArray());
    }

    /** One database size: its context, its tenants' admins and the calls measured on it. */
    private static final class Side {
        private final ConfigurableApplicationContext spring;
        private final int tenants;
        private final TestTenants fixtures;
        private final SmtpSettingsService settings;
        private final TenantsConsole console;
        private final List<String> admins;
        private final SplittableRandom random = new SplittableRandom(9);
        final List<Double> page = new ArrayList<>();
        final List<Double> save = new ArrayList<>();
        final List<Double> create = new ArrayList<>();
        final List<Double> list = new ArrayList<>();
        final List<Double> api = new ArrayList<>();
        final List<Double> lookup = new ArrayList<>();
        private final List<String> apiTokens = new ArrayList<>();
        private final HttpClient http = HttpClient.newHttpClient();
        private final int port;
        private int calls;

        Side(ConfigurableApplicationContext spring, int tenants) throws Exception {
            this.spring = spring;
            this.tenants = tenants;
            this.fixtures = spring.getBean(TestTenants.class);
            this.settings = spring.getBean(SmtpSettingsService.class);
            this.console = spring.getBean(TenantsConsole.class);
            this.admins = ScaleSeed.in(spring).admins();
            this.port = spring.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
            // Tokens of 30 tenants picked at random: a monitoring script's calls land on any tenant's rows.
            var tokens = spring.getBean(ApiTokens.class);
            for (int i = 0; i < 30; i++) {
                fixtures.signInAs(anyAdmin());
                try {
                    apiTokens.add(tokens.create("bench", Duration.ofDays(1)).secret());
                } finally {
                    fixtures.signOut();
                }
            }
        }

        private void read(String path, String token) throws Exception {
            var answer = http.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                            .header("Authorization", "Bearer " + token)
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 200) {
                throw new IllegalStateException(path + " answered " + answer.statusCode() + ": " + answer.body());
            }
        }

        private String anyAdmin() {
            return admins.get(random.nextInt(admins.size()));
        }

        /** One block of each operation; {@code counted} false for the warm-up round. */
        void block(boolean counted) throws Exception {
            // Signing in makes this context's security strategy the global one (see TestTenants#signInAs).
            fixtures.signInAs(anyAdmin());
            fixtures.signOut();
            try (var app = SpringBrowserlessApplicationContext.createSecured(spring, "dev.mailroom")) {
                for (int i = 0; i < 50; i++) {
                    try (var user = app.newUser(fixtures.authenticationOf(anyAdmin()))) {
                        var window = user.newWindow();
                        keep(counted, page, Stats.millis(() -> window.navigate("admin/smtp", Component.class)));
                    }
                }
            }
            for (int i = 0; i < 50; i++) {
                fixtures.signInAs(anyAdmin());
                int n = ++calls;
                try {
                    var draft = SmtpSettingsDraft.builder()
                            .host("smtp" + n + ".scale.example")
                            .port(587)
                            .security(ConnectionSecurity.STARTTLS)
                            .senderName("Scale")
                            .senderAddress("noreply@scale.example")
                            .authType(AuthType.BASIC)
                            .username("mailer")
                            .newPassword("password-" + n)
                            .expectedVersion(settings.load().version())
                            .build();
                    keep(counted, save, Stats.millis(() -> settings.save(draft)));
                } finally {
                    fixtures.signOut();
                }
            }
            var accounts = spring.getBean(dev.mailroom.users.LoginAccounts.class);
            for (int i = 0; i < 50; i++) {
                // Typed as a person types it: the key is folded in Java, the memberships found by their index.
                String typed = anyAdmin().toUpperCase(Locale.ROOT);
                keep(counted, lookup, Stats.millis(() -> accounts.find(typed).orElseThrow()));
            }
            for (int i = 0; i < 50; i++) {
                String token = apiTokens.get(random.nextInt(apiTokens.size()));
                keep(counted, api, Stats.millis(() -> {
                    read("/api/v1/smtp-settings", token);
                    read("/api/v1/mail-status", token);
                }));
            }
            fixtures.signInAs(OPERATOR);
            try {
                for (int i = 0; i < 12; i++) {
                    int n = ++calls;
                    keep(
                            counted,
                            create,
                            Stats.millis(() -> console.createTenant(
                                    "Bench " + tenants + " " + n,
                                    "bench-" + tenants + "-" + n,
                                    "first@bench-" + tenants + "-" + n + ".example",
                                    "First Admin",
                                    Locale.ENGLISH)));
                }
                for (int i = 0; i < 40; i++) {
                    keep(counted, list, Stats.millis(() -> console.tenants(false, 0, 50)));
                }
            } finally {
                fixtures.signOut();
            }
        }

        private static void keep(boolean counted, List<Double> samples, double ms) {
            if (counted) {
                samples.add(ms);
            }
        }
    }
}
