package dev.mailroom.bench;

import dev.mailroom.e2e.Chromium;
import dev.mailroom.smtp.SmtpSettingsService;
import dev.mailroom.support.TestTenants;
import dev.mailroom.users.Role;
import jakarta.mail.Transport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.ScriptTimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Figure 1c: "Send test email" as the admin feels it, in real Chromium against the production layout (production
 * mode, jvm.options, the AOT cache) on the suite's database: from the click until the report is on the page (the
 * DOM holds the new report; the browser paints it with its next frame). The tenant's custom settings point at an
 * in-process SubEthaSMTP (STARTTLS + AUTH PLAIN); the baseline is a bare Angus client sending the same message to
 * the same server, interleaved with the clicks.
 */
final class BrowserBenchmarks {

    /** Warm-up clicks before the first figure: a node that has just started. */
    private static final int WARMUP = Integer.getInteger("bench.browser.warmup", 30);
    /** Clicks in all before the second figure: the test email's own path compiled by the JIT's second tier. */
    private static final int WARM = 600;

    private static final int ROUNDS = 5;
    private static final int PER_ROUND = 20;

    /**
     * Clicks Send test email and calls back with the milliseconds until a report that was not on the page before
     * is in it (-1 if that report says the test failed), until "Test running…" showed (the click's own round
     * trip), and until the push that carries the report was first read (-1 if none was seen). Runs in the page, so
     * WebDriver's own round trips are not counted.
     */
    private static final String CLICK_UNTIL_REPORT = """
            const done = arguments[arguments.length - 1];
            const old = document.getElementById('smtp-conversation');
            if (old) { old.id = 'smtp-conversation-old'; }
            const result = document.getElementById('smtp-result');
            const button = document.getElementById('smtp-send-test-email');
            // When a WebSocket message is first read (Vaadin's push; clicks go over XHR): the report's push arriving.
            if (!window.pushReadAt) {
              const data = Object.getOwnPropertyDescriptor(MessageEvent.prototype, 'data');
              Object.defineProperty(MessageEvent.prototype, 'data', {
                configurable: true,
                get() {
                  if (this.target instanceof WebSocket && window.pushReadAt.at < 0) {
                    window.pushReadAt.at = performance.now();
                  }
                  return data.get.call(this);
                }
              });
            }
            window.pushReadAt = {at: -1};
            let t0;
            let running = -1;
            const observer = new MutationObserver(() => {
              const now = performance.now();
              if (running < 0 && result.querySelector('p.mailroom-hint')) { running = now - t0; }
              const report = document.getElementById('smtp-conversation');
              if (report) {
                observer.disconnect();
                const pushed = window.pushReadAt.at < 0 ? -1 : window.pushReadAt.at - t0;
                done([report.querySelector('.mailroom-success') ? now - t0 : -1, running, pushed]);
              }
            });
            observer.observe(result, {childList: true, subtree: true, attributes: true});
            t0 = performance.now();
            button.click();
            """;

    private final ConfigurableApplicationContext node;
    private final TestTenants fixtures;
    private final SmtpSettingsService settings;

    BrowserBenchmarks(ConfigurableApplicationContext node) {
        this.node = node;
        this.fixtures = node.getBean(TestTenants.class);
        this.settings = node.getBean(SmtpSettingsService.class);
    }

    List<BenchmarkSuite.Row> run() throws Exception {
        var distribution = ProductionBuild.distribution();
        try (var server = MailBenchmarks.startTlsServer()) {
            var admin = fixtures.newUser(fixtures.newTenant("Browser"), "Bianca", Role.ADMIN);
            fixtures.signInAs(admin);
            try {
                settings.save(MailBenchmarks.startTlsSettings(server.port()));
            } finally {
                fixtures.signOut();
            }
            var command = List.of(
                    distribution.resolve("mailroom").toString(),
                    "--server.address=127.0.0.1",
                    // The test server is on loopback; a deployment's policy would refuse it.
                    "--mailroom.egress.allow-loopback=true",
                    // Hundreds of tests by one admin in a minute: the attempt limits would (rightly) say no.
                    "--mailroom.throttle.connection-test.admin.capacity=100000000",
                    "--mailroom.throttle.connection-test.tenant.capacity=100000000",
                    "--mailroom.throttle.connection-test.host.capacity=100000000");
            var environment = new java.util.HashMap<>(ProductionBuild.externalDatabase(node));
            // -Dbench.browser.jvm=-XX:StartFlightRecording=... profiles the Mailroom process.
            environment.put("JAVA_OPTS", System.getProperty("bench.browser.jvm", ""));
            try (var started =
                    StartupBenchmarks.start(command, environment, Files.createTempDirectory("bench-browser"))) {
                var browser = Chromium.start();
                try {
                    return measure(browser, started, admin.email(), server.port());
                } finally {
                    browser.quit();
                }
            }
        }
    }

    private List<BenchmarkSuite.Row> measure(
            WebDriver browser, StartupBenchmarks.Started started, String email, int smtpPort) throws Exception {
        String base = "http://127.0.0.1:" + started.port() + "/";
        var wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        browser.get(base + "login");
        wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("input[name='username']")))
                .sendKeys(email);
        browser.findElement(By.cssSelector("input[name='password']")).sendKeys(TestTenants.PASSWORD, Keys.ENTER);
        wait.until(ExpectedConditions.not(ExpectedConditions.urlContains("/login")));
        browser.get(base + "admin/smtp");
        wait.until(ExpectedConditions.elementToBeClickable(By.id("smtp-send-test-email")));
        browser.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
        var bare = MailBenchmarks.bareSession(smtpPort, true);
        Stats.ThrowingRunnable bareSend = () -> Transport.send(
                MailBenchmarks.message(bare, email, "Mailroom mail test"),
                MailBenchmarks.USER,
                MailBenchmarks.PASSWORD);
        var rows = new ArrayList<BenchmarkSuite.Row>();
        // A node just started (its JIT has compiled little of this path), then the same node after WARM clicks.
        rows.addAll(clicks(
                browser, started, wait, bareSend, WARMUP, "after " + WARMUP + " warm-up clicks", "≤ 30 ms median"));
        rows.addAll(clicks(
                browser,
                started,
                wait,
                bareSend,
                Math.max(0, WARM - WARMUP - ROUNDS * PER_ROUND),
                "after " + WARM + " clicks (a node that has served a while)",
                "≤ 30 ms median"));
        return rows;
    }

    /**
     * What the page and the Mailroom process were doing when a click got no report within the script timeout:
     * the page's result panel and button, and a thread dump of the process, written beside its log.
     */
    private static String noReport(WebDriver browser, StartupBenchmarks.Started started, int clicked) {
        String panel;
        String button;
        try {
            panel = browser.findElement(By.id("smtp-result")).getText();
            button = browser.findElement(By.id("smtp-send-test-email")).isEnabled() ? "enabled" : "disabled";
        } catch (RuntimeException e) {
            panel = "(unreadable: " + e + ")";
            button = "(unreadable)";
        }
        var dump = started.log().resolveSibling("threads.txt");
        var jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
        var javas = java.util.stream.Stream.concat(
                        java.util.stream.Stream.of(started.process().toHandle()),
                        started.process().descendants())
                .filter(p -> p.info().command().orElse("").endsWith("java"))
                .toList();
        for (var jvm : javas) {
            try {
                new ProcessBuilder(jcmd, Long.toString(jvm.pid()), "Thread.print")
                        .redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.appendTo(dump.toFile()))
                        .start()
                        .waitFor();
            } catch (Exception e) {
                dump = Path.of("(no thread dump: " + e + ")");
            }
        }
        return "No report on the page within the script timeout, after " + clicked + " measured clicks. Result panel: '"
                + panel + "'; the button was " + button + ". Mailroom's log: " + started.log() + "; its threads: "
                + dump;
    }

    private List<BenchmarkSuite.Row> clicks(
            WebDriver browser,
            StartupBenchmarks.Started started,
            WebDriverWait wait,
            Stats.ThrowingRunnable bareSend,
            int warmup,
            String when,
            String target)
            throws Exception {
        var js = (JavascriptExecutor) browser;
        var clicks = new ArrayList<Double>();
        var sends = new ArrayList<Double>();
        var running = new ArrayList<Double>();
        var pushed = new ArrayList<Double>();
        for (int round = -1; round < ROUNDS; round++) {
            int n = round < 0 ? warmup : PER_ROUND;
            for (int i = 0; i < n; i++) {
                wait.until(ExpectedConditions.elementToBeClickable(By.id("smtp-send-test-email")));
                List<?> times;
                try {
                    times = (List<?>) js.executeAsyncScript(CLICK_UNTIL_REPORT);
                } catch (ScriptTimeoutException e) {
                    throw new IllegalStateException(noReport(browser, started, clicks.size() + sends.size()), e);
                }
                double ms = ((Number) times.get(0)).doubleValue();
                double runningMs = ((Number) times.get(1)).doubleValue();
                double pushedMs = ((Number) times.get(2)).doubleValue();
                if (ms < 0) {
                    throw new IllegalStateException("A test email failed in the browser: "
                            + browser.findElement(By.id("smtp-result")).getText());
                }
                double bareMs = Stats.millis(bareSend);
                if (round >= 0) {
                    clicks.add(ms);
                    sends.add(bareMs);
                    running.add(runningMs);
                    if (pushedMs >= 0) {
                        pushed.add(pushedMs);
                    }
                }
            }
        }
        var felt = percentiles(clicks);
        var baseline = percentiles(sends);
        var answered = percentiles(running);
        var arrived = percentiles(pushed);
        return List.of(
                new BenchmarkSuite.Row(
                        "1c. Send test email felt in Chromium: click → report on the page (production layout; "
                                + clicks.size() + " clicks " + when + ") vs a bare Angus send to the same server",
                        baseline.format(),
                        felt.format(),
                        felt.p50() / baseline.p50(),
                        target),
                new BenchmarkSuite.Row(
                        "1c · part: click → \"Test running…\" on the page (the click's own round trip)",
                        baseline.format(),
                        answered.format(),
                        answered.p50() / baseline.p50(),
                        "(for reading)"),
                new BenchmarkSuite.Row(
                        "1c · part: click → the push carrying the report is read by the page (" + pushed.size() + " of "
                                + clicks.size() + " clicks; the rest is the browser building it)",
                        baseline.format(),
                        arrived.format(),
                        arrived.p50() / baseline.p50(),
                        "(for reading)"));
    }

    private static Stats.Percentiles percentiles(List<Double> values) {
        return Stats.Percentiles.of(
                values.stream().mapToDouble(Double::doubleValue).toArray());
    }
}
