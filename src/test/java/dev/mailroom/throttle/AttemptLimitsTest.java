package dev.mailroom.throttle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.mailroom.Application;
import dev.mailroom.mail.ConnectionSecurity;
import dev.mailroom.mail.ConversationStep;
import dev.mailroom.smtp.AuthType;
import dev.mailroom.smtp.InvalidSmtpSettingsException;
import dev.mailroom.smtp.MailTests;
import dev.mailroom.smtp.SmtpSettingsDraft;
import dev.mailroom.smtp.SmtpSettingsService;
import dev.mailroom.support.MailroomTest;
import dev.mailroom.support.Ports;
import dev.mailroom.support.TestTenants;
import dev.mailroom.tenant.Tenant;
import dev.mailroom.users.Role;
import dev.mailroom.users.User;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.test.context.TestPropertySource;

/**
 * Attempt limits on the real services, with small limits so that a test can use them up: per admin,
 * per tenant, per target host, for Save, shared by two nodes, one test at a time per tenant, and closed
 * when the limiter cannot be asked. Targets are closed loopback ports: refused at once, nothing is sent.
 */
@MailroomTest
@TestPropertySource(
        properties = {
            AttemptLimitsTest.TEST_ADMIN_CAPACITY,
            AttemptLimitsTest.TEST_ADMIN_PERIOD,
            AttemptLimitsTest.TEST_TENANT_CAPACITY,
            AttemptLimitsTest.TEST_TENANT_PERIOD,
            AttemptLimitsTest.TEST_HOST_CAPACITY,
            AttemptLimitsTest.TEST_HOST_PERIOD,
            AttemptLimitsTest.SAVE_ADMIN_CAPACITY,
            AttemptLimitsTest.SAVE_TENANT_CAPACITY,
            AttemptLimitsTest.TEST_LEASE,
            AttemptLimitsTest.SHARED_HOSTS
        })
class AttemptLimitsTest {

    static final String TEST_ADMIN_CAPACITY = "mailroom.throttle.connection-test.admin.capacity=2";
    static final String TEST_ADMIN_PERIOD = "mailroom.throttle.connection-test.admin.period=1h";
    static final String TEST_TENANT_CAPACITY = "mailroom.throttle.connection-test.tenant.capacity=3";
    static final String TEST_TENANT_PERIOD = "mailroom.throttle.connection-test.tenant.period=1h";
    static final String TEST_HOST_CAPACITY = "mailroom.throttle.connection-test.host.capacity=4";
    static final String TEST_HOST_PERIOD = "mailroom.throttle.connection-test.host.period=1h";
    static final String SAVE_ADMIN_CAPACITY = "mailroom.throttle.save.admin.capacity=2";
    static final String SAVE_TENANT_CAPACITY = "mailroom.throttle.save.tenant.capacity=3";
    static final String TEST_LEASE = "mailroom.throttle.test-lease=2s";
    /** As if this loopback address were a provider many tenants use (the defaults name Microsoft 365, Gmail …). */
    static final String SHARED_HOST = "127.0.0.254";

    static final String SHARED_HOSTS = "mailroom.throttle.shared-hosts=smtp.example.com, " + SHARED_HOST;

    /** Each test aims at hosts of its own (all loopback), so host buckets do not carry over between tests. */
    static final AtomicInteger nextHost = new AtomicInteger(10);

    @Autowired
    MailTests tests;

    @Autowired
    SmtpSettingsService settings;

    @Autowired
    AttemptThrottle throttle;

    @Autowired
    OneTestPerTenant oneAtATime;

    @Autowired
    ThrottleProperties properties;

    @Autowired
    DataSource dataSource;

    @Autowired
    TestTenants fixtures;

    final int closedPort = Ports.unusedLoopbackPort();

    @AfterEach
    void signOut() {
        fixtures.signOut();
    }

    static String newHost() {
        return "127.0.0." + nextHost.getAndIncrement();
    }

    private SmtpSettingsDraft target(String host) {
        return SmtpSettingsDraft.builder()
                .host(host)
                .port(closedPort)
                .security(ConnectionSecurity.NONE)
                .senderAddress("noreply@example.com")
                .authType(AuthType.NONE)
                .build();
    }

    private User admin(Tenant tenant) {
        return fixtures.newUser(tenant, "Tess", Role.ADMIN);
    }

    private void testAs(User admin, String host) {
        fixtures.signInAs(admin);
        var report = tests.testConnection(target(host));
        assertThat(report.failedStep()).map(ConversationStep::explanationKey).hasValue("mail.explain.no-connection");
    }

    @Test
    void anAdminHasTwoTestsThenIsToldHowLongToWait() {
        String host = newHost();
        var tenant = fixtures.newTenant("Limits");
        var first = admin(tenant);
        testAs(first, host);
        testAs(first, host);
        assertThatThrownBy(() -> testAs(first, host)).isInstanceOfSatisfying(TooManyAttemptsException.class, e -> {
            // Two per hour, refilled evenly: the next attempt is due half an hour after the first two.
            assertThat(e.retryAfter()).isBetween(Duration.ofMinutes(29), Duration.ofMinutes(30));
            assertThat(e).hasMessageContaining("ADMIN");
        });
        assertThatThrownBy(() -> tests.sendTestEmail(target(host), "a@example.com", Locale.ENGLISH))
                .as("Send test email shares the budget")
                .isInstanceOf(TooManyAttemptsException.class);
    }

    @Test
    void theTenantsAdminsShareThreeTests() {
        String host = newHost();
        var tenant = fixtures.newTenant("Limits");
        var first = admin(tenant);
        var second = admin(tenant);
        testAs(first, host);
        testAs(first, host);
        testAs(second, host);
        assertThatThrownBy(() -> testAs(second, host))
                .isInstanceOfSatisfying(
                        TooManyAttemptsException.class, e -> assertThat(e).hasMessageContaining("TENANT"));
        // Another tenant is not affected.
        testAs(admin(fixtures.newTenant("Other")), host);
    }

    @Test
    void oneTargetHostTakesFourTestsFromAllTenantsTogether() {
        String host = newHost();
        for (int i = 0; i < 4; i++) {
            testAs(admin(fixtures.newTenant("Scanner" + i)), host);
        }
        assertThatThrownBy(() -> testAs(admin(fixtures.newTenant("Scanner5")), host))
                .isInstanceOfSatisfying(
                        TooManyAttemptsException.class, e -> assertThat(e).hasMessageContaining("HOST"));
        testAs(admin(fixtures.newTenant("Elsewhere")), newHost());
    }

    @Test
    void aHostManyTenantsUseIsLimitedPerTenantNotForAllTenantsTogether() {
        // More tenants than the per-host limit (4) allows tests to one host.
        for (int i = 0; i < 6; i++) {
            testAs(admin(fixtures.newTenant("Provider" + i)), SHARED_HOST);
        }
        var tenant = fixtures.newTenant("Eager");
        testAs(admin(tenant), SHARED_HOST);
        testAs(admin(tenant), SHARED_HOST);
        testAs(admin(tenant), SHARED_HOST);
        assertThatThrownBy(() -> testAs(admin(tenant), SHARED_HOST))
                .as("the tenant's own limit still applies")
                .isInstanceOfSatisfying(
                        TooManyAttemptsException.class, e -> assertThat(e).hasMessageContaining("TENANT"));
    }

    @Test
    void anAttemptOneLimitRefusesTakesNothingFromTheOthers() {
        String host = newHost();
        for (int i = 0; i < 4; i++) {
            testAs(admin(fixtures.newTenant("Crowded" + i)), host);
        }
        var tenant = fixtures.newTenant("Unlucky");
        var admin = admin(tenant);
        // The admin's and the tenant's buckets come before the host's: the host's refusal rolls them back.
        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> testAs(admin, host))
                    .isInstanceOfSatisfying(
                            TooManyAttemptsException.class, e -> assertThat(e).hasMessageContaining("HOST"));
        }
        testAs(admin, newHost());
        testAs(admin, newHost());
        testAs(admin(tenant), newHost());
    }

    @Test
    void attemptsAtTheSameMomentAreEachCountedOnce() throws Exception {
        // A tenant's bucket that does not exist yet (every attempt tries to make its row), then one that does.
        assertThat(concurrentAttempts(UUID.randomUUID(), 12))
                .as("tests of a new tenant")
                .isEqualTo(3);
        UUID tenant = UUID.randomUUID();
        throttle.acquire(ThrottledAction.CONNECTION_TEST, tenant, UUID.randomUUID(), null);
        assertThat(concurrentAttempts(tenant, 12))
                .as("tests of a tenant that had one")
                .isEqualTo(2);
    }

    /** {@code attempts} admins of one tenant test one host at once; how many were let through. */
    private int concurrentAttempts(UUID tenant, int attempts) throws Exception {
        String host = newHost();
        var start = new CountDownLatch(1);
        var let = new AtomicInteger();
        var unexpected = new ConcurrentLinkedQueue<Throwable>();
        try (var admins = Executors.newVirtualThreadPerTaskExecutor()) {
            var done = new ArrayList<Future<?>>();
            for (int i = 0; i < attempts; i++) {
                done.add(admins.submit(() -> {
                    start.await();
                    try {
                        throttle.acquire(ThrottledAction.CONNECTION_TEST, tenant, UUID.randomUUID(), host);
                        let.incrementAndGet();
                    } catch (TooManyAttemptsException e) {
                        if (!e.getMessage().contains("TENANT")) {
                            unexpected.add(e);
                        }
                    } catch (RuntimeException e) {
                        unexpected.add(e);
                    }
                    return null;
                }));
            }
            start.countDown();
            for (var attempt : done) {
                attempt.get(30, TimeUnit.SECONDS);
            }
        }
        assertThat(unexpected)
                .as("attempts refused for another reason than the tenant's limit")
                .isEmpty();
        return let.get();
    }

    @Test
    void attemptsTheEgressPolicyRefusesStillCostAnAttempt() {
        var admin = admin(fixtures.newTenant("Egress"));
        fixtures.signInAs(admin);
        for (int i = 0; i < 2; i++) {
            var report = tests.testConnection(target("10.0.0." + (i + 1)));
            assertThat(report.failedStep())
                    .map(ConversationStep::explanationKey)
                    .hasValue("mail.explain.egress-refused");
        }
        assertThatThrownBy(() -> testAs(admin, newHost())).isInstanceOf(TooManyAttemptsException.class);
    }

    @Test
    void settingsRefusedByValidationCostNothing() {
        var admin = admin(fixtures.newTenant("Typos"));
        fixtures.signInAs(admin);
        for (int i = 0; i < 5; i++) {
            assertThatThrownBy(() -> tests.testConnection(target(""))).isInstanceOf(InvalidSmtpSettingsException.class);
        }
        String host = newHost();
        testAs(admin, host);
        testAs(admin, host);
    }

    @Test
    void saveHasItsOwnLimitAndARefusedSaveChangesNothing() {
        var admin = admin(fixtures.newTenant("Saves"));
        fixtures.signInAs(admin);
        var saved = settings.save(SmtpSettingsDraft.builder()
                .host("smtp.example.com")
                .port(587)
                .security(ConnectionSecurity.STARTTLS)
                .senderAddress("first@example.com")
                .authType(AuthType.NONE)
                .build());
        saved = settings.save(SmtpSettingsDraft.from(saved.settings())
                .senderAddress("second@example.com")
                .build());
        var third = SmtpSettingsDraft.from(saved.settings())
                .senderAddress("third@example.com")
                .build();
        assertThatThrownBy(() -> settings.save(third)).isInstanceOf(TooManyAttemptsException.class);
        assertThat(settings.load().senderAddress()).isEqualTo("second@example.com");
        assertThat(settings.recentChanges(10)).hasSize(2);
        // Saving does not use up the tests.
        testAs(admin, newHost());
    }

    @Test
    void onlyOneTestAtATimePerTenantAndALostLeaseExpires() {
        var tenant = fixtures.newTenant("Busy");
        var admin = admin(tenant);
        fixtures.signInAs(admin);
        // As if another node were in the middle of a test for this tenant.
        var other = oneAtATime.begin();
        // More refusals than the admin has attempts (2): a test that could not start used none of them.
        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> tests.testConnection(target(newHost())))
                    .isInstanceOf(TestAlreadyRunningException.class);
        }
        testAs(admin(fixtures.newTenant("Idle")), newHost());
        fixtures.signInAs(admin);
        other.close();
        testAs(admin, newHost());
        testAs(admin, newHost());

        // A node that died mid-test never closes its lease: it expires (2 s here).
        oneAtATime.begin();
        assertThatThrownBy(() -> oneAtATime.begin()).isInstanceOf(TestAlreadyRunningException.class);
        await().atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(200))
                .pollInSameThread()
                .untilAsserted(
                        () -> assertThatCode(() -> oneAtATime.begin().close()).doesNotThrowAnyException());
    }

    @Test
    void twoNodesOnOneDatabaseShareTheLimits() {
        UUID tenant = UUID.randomUUID();
        UUID admin = UUID.randomUUID();
        UUID otherAdmin = UUID.randomUUID();
        try (var otherNode = new SpringApplicationBuilder(Application.class)
                .web(WebApplicationType.SERVLET)
                // Arguments, not builder properties: those are defaults, which application.yaml would override.
                .run(
                        "--server.port=0",
                        "--server.address=127.0.0.1",
                        "--mailroom.demo.enabled=false",
                        "--vaadin.launch-browser=false",
                        "--" + TEST_ADMIN_CAPACITY,
                        "--" + TEST_ADMIN_PERIOD,
                        "--" + TEST_TENANT_CAPACITY,
                        "--" + TEST_TENANT_PERIOD)) {
            var there = otherNode.getBean(AttemptThrottle.class);
            throttle.acquire(ThrottledAction.CONNECTION_TEST, tenant, admin, null);
            there.acquire(ThrottledAction.CONNECTION_TEST, tenant, admin, null);
            assertThatThrownBy(() -> throttle.acquire(ThrottledAction.CONNECTION_TEST, tenant, admin, null))
                    .isInstanceOf(TooManyAttemptsException.class);
            assertThatThrownBy(() -> there.acquire(ThrottledAction.CONNECTION_TEST, tenant, admin, null))
                    .isInstanceOf(TooManyAttemptsException.class);
            there.acquire(ThrottledAction.CONNECTION_TEST, tenant, otherAdmin, null);
            assertThatThrownBy(() -> throttle.acquire(ThrottledAction.CONNECTION_TEST, tenant, otherAdmin, null))
                    .as("the tenant's third, counted on both nodes")
                    .hasMessageContaining("TENANT");
        }
    }

    @Test
    void whenTheLimiterCannotBeAskedTheAttemptIsRefused() {
        var broken = new AttemptThrottle(
                properties,
                dataSource,
                "no_such_table",
                new io.micrometer.core.instrument.simple.SimpleMeterRegistry());
        assertThatThrownBy(() ->
                        broken.acquire(ThrottledAction.CONNECTION_TEST, UUID.randomUUID(), UUID.randomUUID(), "h"))
                .isInstanceOf(ThrottleUnavailableException.class);
    }
}
