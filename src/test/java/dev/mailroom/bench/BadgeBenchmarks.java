package dev.mailroom.bench;

import com.vaadin.browserless.BrowserlessUIContext;
import com.vaadin.browserless.SpringBrowserlessApplicationContext;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.badge.Badge;
import dev.mailroom.status.MailHealth;
import dev.mailroom.status.MailStatus;
import dev.mailroom.status.MailStatusBroadcaster;
import dev.mailroom.status.MailStatusService;
import dev.mailroom.status.StatusSource;
import dev.mailroom.support.TestTenants;
import dev.mailroom.users.Role;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;
import org.postgresql.PGConnection;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Issue 9, figure 4: from a status change (the call that records it, commit included) until every one of 50
 * admin sessions of the tenant has the sidebar badge, with the change made on this node and on a second node
 * (a second application context on the same database: LISTEN/NOTIFY between them). The sessions are Vaadin
 * browserless UIs on this node; "has the badge" is the UI's server-side state after the pushed task ran (the
 * browser's share is not in it). Baseline: a bare NOTIFY from one connection to a LISTENing one.
 */
final class BadgeBenchmarks {

    static final int SESSIONS = 50;
    private static final int ROUNDS = 40;
    private static final String BADGE_ID = "nav-smtp-badge";

    private final ConfigurableApplicationContext node;
    private final NodeStarter secondNode;

    interface NodeStarter {
        ConfigurableApplicationContext start() throws Exception;
    }

    BadgeBenchmarks(ConfigurableApplicationContext node, NodeStarter secondNode) {
        this.node = node;
        this.secondNode = secondNode;
    }

    List<BenchmarkSuite.Row> run() throws Exception {
        var fixtures = node.getBean(TestTenants.class);
        var tenant = fixtures.newTenant("Badges");
        node.getBean(MailStatusBroadcaster.class).watch(tenant.id(), status -> {
            if (status.map(MailStatus::isProblem).orElse(false)) {
                heardAt.compareAndSet(0, System.nanoTime());
            }
        });
        var admins = new ArrayList<String>();
        for (int i = 0; i < SESSIONS; i++) {
            admins.add(fixtures.newUser(tenant, "Admin" + i, Role.ADMIN).email());
        }
        var notify = bareNotify();
        double pass;
        try (var app = SpringBrowserlessApplicationContext.createSecured(node, "dev.mailroom")) {
            var badges = new ArrayList<Watched>();
            for (var admin : admins) {
                var window = app.newUser(fixtures.authenticationOf(admin)).newWindow();
                window.navigate("admin/smtp", Component.class);
                badges.add(new Watched(window));
            }
            long passStart = System.nanoTime();
            for (int i = 0; i < 20; i++) {
                badges.forEach(Watched::shown);
            }
            pass = (System.nanoTime() - passStart) / 1e6 / 20;
            var oneNode = propagation(badges, node, admins.getFirst());
            Propagation twoNodes;
            try (var other = secondNode.start()) {
                twoNodes = propagation(badges, other, admins.getFirst());
            }
            fixtures.signOut();
            var base = Stats.Percentiles.of(notify);
            return List.of(
                    row(
                            "4a. Badge on all " + SESSIONS + " admin sessions after a status change, same node",
                            base,
                            Stats.Percentiles.of(oneNode.allSessions()),
                            "p95 < 250 ms"),
                    row(
                            "4b. Badge on all " + SESSIONS + " admin sessions after a change made on another node",
                            base,
                            Stats.Percentiles.of(twoNodes.allSessions()),
                            "p95 < 1 s"),
                    row(
                            "4d. For reading: this node has the change and hands it to the sessions, change made here",
                            base,
                            Stats.Percentiles.of(oneNode.nodeHeard()),
                            "—"),
                    row(
                            "4e. For reading: the same, change made on the other node",
                            base,
                            Stats.Percentiles.of(twoNodes.nodeHeard()),
                            "—"),
                    new BenchmarkSuite.Row(
                            "4c. For reading: one polling pass over the " + SESSIONS
                                    + " browserless sessions (included in 4a/4b)",
                            "—",
                            "%.2f ms".formatted(pass),
                            "—",
                            "—"));
        }
    }

    private static BenchmarkSuite.Row row(
            String what, Stats.Percentiles base, Stats.Percentiles measured, String target) {
        return new BenchmarkSuite.Row(
                what + " (baseline: bare NOTIFY → LISTEN)",
                base.format(),
                measured.format(),
                measured.p50() / base.p50(),
                target);
    }

    private record Watched(BrowserlessUIContext window) {
        /**
         * A browserless session stays locked by the thread that drives it, so the broadcaster's {@code ui.access}
         * task waits in the session's queue until the next round trip runs it, as a push would at once. The
         * figure therefore includes up to one polling pass over all sessions (measured, printed with it).
         */
        boolean shown() {
            window.activate();
            window.roundTrip();
            return window.find(Badge.class).withId(BADGE_ID).exists();
        }
    }

    /** When this node's broadcaster last handed a problem to the tenant's watchers (a watcher of our own). */
    private final java.util.concurrent.atomic.AtomicLong heardAt = new java.util.concurrent.atomic.AtomicLong();

    private record Propagation(double[] allSessions, double[] nodeHeard) {}

    /** Per round: milliseconds from the start of the status write until the last session shows the badge. */
    private Propagation propagation(List<Watched> badges, ConfigurableApplicationContext writer, String admin) {
        var fixtures = writer.getBean(TestTenants.class);
        var statuses = writer.getBean(MailStatusService.class);
        double[] all = new double[ROUNDS];
        double[] heard = new double[ROUNDS];
        for (int round = -5; round < ROUNDS; round++) {
            heardAt.set(0);
            fixtures.signInAs(admin);
            long start = System.nanoTime();
            statuses.recordProblem(
                    MailHealth.ERROR,
                    StatusSource.DELIVERY,
                    "mail.explain.bad-credentials",
                    "535 (round " + round + ")");
            awaitAll(badges, true);
            double ms = (System.nanoTime() - start) / 1e6;
            if (round >= 0) {
                all[round] = ms;
                heard[round] = (heardAt.get() - start) / 1e6;
            }
            fixtures.signInAs(admin);
            statuses.recordSuccess(StatusSource.DELIVERY);
            awaitAll(badges, false);
        }
        return new Propagation(all, heard);
    }

    private static void awaitAll(List<Watched> badges, boolean shown) {
        long deadline = System.nanoTime() + 30_000_000_000L;
        var waiting = new ArrayList<>(badges);
        while (!waiting.isEmpty()) {
            waiting.removeIf(w -> w.shown() == shown);
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(waiting.size() + " sessions never showed the change");
            }
            Thread.onSpinWait();
        }
    }

    /** The floor: PostgreSQL delivering a NOTIFY from one connection to another that LISTENs. */
    private double[] bareNotify() throws Exception {
        var env = node.getEnvironment();
        String url = env.getRequiredProperty("spring.datasource.url");
        String user = env.getProperty("spring.datasource.username", "");
        String password = env.getProperty("spring.datasource.password", "");
        try (var listener = DriverManager.getConnection(url, user, password);
                var sender = DriverManager.getConnection(url, user, password)) {
            try (var st = listener.createStatement()) {
                st.execute("LISTEN bench_badges");
            }
            var pg = listener.unwrap(PGConnection.class);
            double[] ms = new double[ROUNDS];
            for (int round = -5; round < ROUNDS; round++) {
                long start = System.nanoTime();
                try (var st = sender.createStatement()) {
                    st.execute("select pg_notify('bench_badges', 'x')");
                }
                var got = pg.getNotifications(5_000);
                if (got == null || got.length == 0) {
                    throw new IllegalStateException("NOTIFY never arrived");
                }
                if (round >= 0) {
                    ms[round] = (System.nanoTime() - start) / 1e6;
                }
            }
            return ms;
        }
    }
}
