package dev.mailroom.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mailroom.mail.ConnectionSecurity;
import dev.mailroom.outbox.MailKind;
import dev.mailroom.outbox.Outbox;
import dev.mailroom.smtp.AuthType;
import dev.mailroom.smtp.SmtpSettingsDraft;
import dev.mailroom.smtp.SmtpSettingsService;
import dev.mailroom.support.NodeProcess;
import dev.mailroom.support.Ports;
import dev.mailroom.support.TestSmtpServer;
import dev.mailroom.support.TestTenants;
import dev.mailroom.users.Role;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Two nodes on one PostgreSQL: this test's application (node A) and a second application process (node B), one
 * admin's Chromium on each. The live badge, the attempt limits and the outbox must work across them.
 */
@TestPropertySource(
        properties = {
            TwoNodesIT.TENANT_TESTS,
            TwoNodesIT.TENANT_PERIOD,
            "mailroom.outbox.enabled=true",
            "mailroom.egress.plaintext-auth-networks=127.0.0.0/8"
        })
class TwoNodesIT extends BrowserTest {

    static final String TENANT_TESTS = "mailroom.throttle.connection-test.tenant.capacity=3";
    static final String TENANT_PERIOD = "mailroom.throttle.connection-test.tenant.period=1h";
    private static final Pattern MESSAGE_ID = Pattern.compile("(?im)^Message-ID: (<[^>]+>)");

    @Autowired
    TestTenants fixtures;

    @Autowired
    SmtpSettingsService settings;

    @Autowired
    Outbox outbox;

    @Autowired
    TransactionTemplate transaction;

    @Autowired
    Environment environment;

    @Test
    void theBadgeTheLimitsAndTheOutboxWorkAcrossTwoNodes() throws Exception {
        var tenant = fixtures.newTenant("Pair");
        var onA = fixtures.newUser(tenant, "Ana", Role.ADMIN);
        var onB = fixtures.newUser(tenant, "Ben", Role.ADMIN);
        try (var server = TestSmtpServer.builder().start();
                var nodeB = NodeProcess.start(
                        environment,
                        "--mailroom.egress.allow-loopback=true",
                        "--mailroom.egress.plaintext-auth-networks=127.0.0.0/8",
                        "--mailroom.outbox.poll-interval=200ms",
                        "--mailroom.mail.connect-timeout=2s",
                        "--mailroom.mail.read-timeout=2s",
                        "--" + TENANT_TESTS,
                        "--" + TENANT_PERIOD)) {
            fixtures.signInAs(onA);
            settings.save(SmtpSettingsDraft.builder()
                    .host("127.0.0.1")
                    .port(server.port())
                    .security(ConnectionSecurity.NONE)
                    .senderName("Pair")
                    .senderAddress("noreply@pair.example")
                    .authType(AuthType.NONE)
                    .build());
            int portB = nodeB.awaitPort();

            WebDriver ben = Chromium.start();
            try {
                var benWait = new WebDriverWait(ben, Duration.ofSeconds(60));
                signIn(ben, benWait, "http://127.0.0.1:" + portB + "/login", onB.email(), TestTenants.PASSWORD);
                benWait.until(ExpectedConditions.presenceOfElementLocated(By.id("home-view")));
                assertThat(ben.findElements(By.cssSelector("#nav-smtp-badge:not([hidden])")))
                        .isEmpty();

                // 1. Ana, on node A, runs a test that fails: Ben's open page on node B shows the badge.
                signIn(onA.email(), TestTenants.PASSWORD);
                wait.until(ExpectedConditions.presenceOfElementLocated(By.id("home-view")));
                browser.get(url("admin/smtp"));
                type("smtp-port", String.valueOf(Ports.unusedLoopbackPort()));
                click("smtp-test-connection");
                wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("smtp-result"), "The test failed"));
                new WebDriverWait(ben, Duration.ofSeconds(20))
                        .withMessage("node B's page to show the badge node A's test set")
                        .until(ExpectedConditions.visibilityOfElementLocated(By.id("nav-smtp-badge")));

                // 2. The tenant's three tests an hour are counted on both nodes together: A 2, B 1, then B is refused.
                click("smtp-test-connection");
                wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("smtp-result"), "The test failed"));
                ben.get("http://127.0.0.1:" + portB + "/admin/smtp");
                click(ben, benWait, "smtp-test-connection");
                benWait.withMessage("node B's third test of the tenant to succeed")
                        .until(ExpectedConditions.textToBePresentInElementLocated(
                                By.id("smtp-result"), "Connection test passed"));
                new WebDriverWait(browser, Duration.ofSeconds(20))
                        .withMessage("node A's page to drop the badge node B's success cleared")
                        .until(ExpectedConditions.invisibilityOfElementLocated(By.id("nav-smtp-badge")));
                click(ben, benWait, "smtp-test-connection");
                benWait.withMessage("node B to refuse the tenant's fourth test")
                        .until(ExpectedConditions.textToBePresentInElementLocated(
                                By.id("smtp-result"), "Too many attempts"));

                // 3. Mail queued on node A is sent by the two nodes together, each message once.
                List<String> ids = transaction.execute(tx -> {
                    var queued = new ArrayList<String>();
                    for (int i = 1; i <= 12; i++) {
                        queued.add(outbox.enqueue(
                                MailKind.ADMIN_NOTICE, "reader" + i + "@pair.example", "Notice " + i, "Body " + i));
                    }
                    return queued;
                });
                await("the SMTP server to receive the 12 messages from nodes A and B (" + nodeB.log() + ")")
                        .atMost(Duration.ofSeconds(30))
                        .until(() -> server.received().size() >= ids.size());
                Map<String, Long> copies = server.received().stream()
                        .map(r -> MESSAGE_ID
                                .matcher(r.data())
                                .results()
                                .findFirst()
                                .orElseThrow()
                                .group(1))
                        .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
                assertThat(copies)
                        .as("each message once")
                        .containsOnlyKeys(ids)
                        .allSatisfy((id, n) -> assertThat(n).isEqualTo(1));
            } finally {
                ben.quit();
                fixtures.signOut();
            }
        }
    }
}
