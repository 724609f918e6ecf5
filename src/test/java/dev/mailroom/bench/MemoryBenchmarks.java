package dev.mailroom.bench;

import com.vaadin.browserless.BrowserlessUserContext;
import com.vaadin.browserless.SpringBrowserlessApplicationContext;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import dev.mailroom.support.TestTenants;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Issue 9, figure 7: heap held per open admin session with the SMTP page (N = 200 browserless sessions, one
 * admin each), against the same sessions on the home page (layout and sidebar, the part every page has).
 * Both include the browserless mocks' own request and session objects, so the absolute figures are high by
 * that much; the difference between the two is the SMTP page's own share. The suite runs Vaadin in production
 * mode: in development mode Vaadin also keeps where each component was created (a stack trace per component),
 * which about doubles these figures and is not what a deployment pays.
 */
final class MemoryBenchmarks {

    static final int SESSIONS = 200;

    private final ConfigurableApplicationContext spring;
    private final TestTenants fixtures;
    private final ScaleSeed seed;

    MemoryBenchmarks(ConfigurableApplicationContext spring) {
        this.spring = spring;
        this.fixtures = spring.getBean(TestTenants.class);
        this.seed = ScaleSeed.in(spring);
    }

    List<BenchmarkSuite.Row> run() throws Exception {
        var admins = seed.admins(SESSIONS);
        double home = perSession(admins, "");
        double smtp = perSession(admins, "admin/smtp");
        return List.of(new BenchmarkSuite.Row(
                "7. Heap per open admin session, SMTP page vs home page (" + SESSIONS
                        + " sessions, incl. browserless mocks)",
                "%.0f KB".formatted(home),
                "%.0f KB (page's own: %.0f KB)".formatted(smtp, smtp - home),
                smtp / home,
                "≤ 150 KB"));
    }

    /** KB of heap that {@code SESSIONS} open sessions on {@code route} hold, per session, after full collections. */
    private double perSession(List<String> admins, String route) throws Exception {
        try (var app = SpringBrowserlessApplicationContext.createSecured(spring, "dev.mailroom")) {
            // Warm up: classes loaded, caches filled, so that only the sessions' own objects are counted.
            try (var warm = app.newUser(fixtures.authenticationOf(admins.getFirst()))) {
                warm.newWindow().navigate(route, Component.class);
            }
            long before = usedHeapAfterGc();
            var histogramBefore =
                    System.getProperty("bench.histogram") != null ? Histogram.take() : java.util.Map.<String, Long>of();
            var users = new ArrayList<BrowserlessUserContext>();
            for (var admin : admins) {
                var user = app.newUser(fixtures.authenticationOf(admin));
                var window = user.newWindow();
                window.navigate(route, Component.class);
                window.roundTrip();
                respond(window.getUI());
                users.add(user);
            }
            long after = usedHeapAfterGc();
            if (System.getProperty("bench.histogram") != null) {
                Histogram.printGrowth(route, histogramBefore, Histogram.take(), users.size());
            }
            double kb = (after - before) / 1024.0 / users.size();
            users.forEach(BrowserlessUserContext::close);
            return kb;
        }
    }

    /**
     * As a response to the browser leaves a session: the changes and JavaScript calls queued for the client are
     * handed out (what Vaadin's {@code UidlWriter} does). Browserless round trips run the UI's queued tasks but
     * never write a response, so without this every component's first state stays queued and is counted.
     */
    private static void respond(UI ui) {
        ui.accessSynchronously(() -> {
            ui.getInternals().getStateTree().collectChanges(change -> {});
            ui.getInternals().dumpPendingJavaScriptInvocations();
        });
    }

    private static long usedHeapAfterGc() throws InterruptedException {
        var memory = ManagementFactory.getMemoryMXBean();
        long used = Long.MAX_VALUE;
        // Several collections until the figure settles (finalization and reference processing take a round or two).
        for (int i = 0; i < 5; i++) {
            System.gc();
            Thread.sleep(100);
            used = Math.min(used, memory.getHeapMemoryUsage().getUsed());
        }
        return used;
    }
}
