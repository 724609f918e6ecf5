package dev.mailroom.bench;

import com.vaadin.browserless.SpringBrowserlessApplicationContext;
import com.vaadin.flow.component.Component;
import dev.mailroom.console.TenantsConsole;
import dev.mailroom.mail.ConnectionSecurity;
import dev.mailroom.smtp.AuthType;
import dev.mailroom.smtp.SmtpSettingsDraft;
import dev.mailroom.smtp.SmtpSettingsService;
import dev.mailroom.support.TestTenants;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Issue 9, figures 5 and 6: the same operations with 100 tenants and with 10,000 tenants (5 users each, half
 * with custom settings, one in ten with a mail problem, two sent messages each) in the database. Every call
 * picks a tenant at random, so no one tenant's rows stay warm.
 */
final class ScaleBenchmarks {

    static final int SMALL = 100;
    static final int LARGE = 10_000;
    private static final String OPERATOR = "operator@mailroom.example";

    private final ConfigurableApplicationContext spring;
    private final TestTenants fixtures;
    private final SmtpSettingsService settings;
    private final TenantsConsole console;
    private final ScaleSeed seed;
    private final SplittableRandom random = new SplittableRandom(9);
    private int created;

    ScaleBenchmarks(ConfigurableApplicationContext spring) {
        this.spring = spring;
        this.fixtures = spring.getBean(TestTenants.class);
        this.settings = spring.getBean(SmtpSettingsService.class);
        this.console = spring.getBean(TenantsConsole.class);
        this.seed = ScaleSeed.in(spring);
    }

    record Figures(Stats.Percentiles page, Stats.Percentiles save, Stats.Percentiles create, Stats.Percentiles list) {}

    List<BenchmarkSuite.Row> run() throws Exception {
        seed.upTo(SMALL);
        var small = measure(SMALL);
        seed.upTo(LARGE);
        var large = measure(LARGE);
        var rows = new ArrayList<BenchmarkSuite.Row>();
        rows.add(row(
                "5a. Build the SMTP page (server time, browserless navigation incl. layout), " + LARGE + " vs " + SMALL
                        + " tenants",
                small.page(),
                large.page(),
                "≤ 1.3×, p95 < 25 ms"));
        rows.add(row(
                "5b. Save SMTP settings (Basic, password encrypted), " + LARGE + " vs " + SMALL + " tenants",
                small.save(),
                large.save(),
                "≤ 1.3×, p95 < 25 ms"));
        rows.add(row(
                "6a. Create a tenant with its first admin (invitation queued), " + LARGE + " vs " + SMALL + " tenants",
                small.create(),
                large.create(),
                "≤ 1.3×, < 100 ms"));
        rows.add(row(
                "6b. Operator console: first page of tenants with mail status, " + LARGE + " vs " + SMALL + " tenants",
                small.list(),
                large.list(),
                "≤ 1.3×, p95 < 150 ms"));
        return rows;
    }

    private static BenchmarkSuite.Row row(
            String what, Stats.Percentiles small, Stats.Percentiles large, String target) {
        return new BenchmarkSuite.Row(what, small.format(), large.format(), large.p50() / small.p50(), target);
    }

    private Figures measure(int tenants) throws Exception {
        var admins = seed.admins();
        Stats.Percentiles page;
        try (var app = SpringBrowserlessApplicationContext.createSecured(spring, "dev.mailroom")) {
            page = Stats.percentiles(100, 300, i -> {
                var admin = admins.get(random.nextInt(admins.size()));
                try (var user = app.newUser(fixtures.authenticationOf(admin))) {
                    var window = user.newWindow();
                    return Stats.millis(() -> window.navigate("admin/smtp", Component.class));
                }
            });
        }
        var save = Stats.percentiles(50, 300, i -> {
            var admin = admins.get(random.nextInt(admins.size()));
            fixtures.signInAs(admin);
            var draft = SmtpSettingsDraft.builder()
                    .host("smtp" + i + ".scale.example")
                    .port(587)
                    .security(ConnectionSecurity.STARTTLS)
                    .senderName("Scale")
                    .senderAddress("noreply@scale.example")
                    .authType(AuthType.BASIC)
                    .username("mailer")
                    .newPassword("password-" + i)
                    .expectedVersion(settings.load().version())
                    .build();
            try {
                return Stats.millis(() -> settings.save(draft));
            } finally {
                fixtures.signOut();
            }
        });
        fixtures.signInAs(OPERATOR);
        try {
            var create = Stats.percentiles(5, 30, i -> {
                int n = ++created;
                return Stats.millis(() -> console.createTenant(
                        "Bench " + tenants + " " + n,
                        "bench-" + tenants + "-" + n,
                        "first@bench-" + tenants + "-" + n + ".example",
                        "First Admin",
                        Locale.ENGLISH));
            });
            var list = Stats.percentiles(20, 200, i -> Stats.millis(() -> console.tenants(false, 0, 50)));
            return new Figures(page, save, create, list);
        } finally {
            fixtures.signOut();
        }
    }
}
