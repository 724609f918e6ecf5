package dev.mailroom.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mailroom.Application;
import dev.mailroom.support.MailroomTest;
import dev.mailroom.support.TestTenants;
import dev.mailroom.tenant.Tenant;
import dev.mailroom.users.Role;
import dev.mailroom.users.User;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;

/** Status changes reach every watcher of the tenant, and only them, on this node and another, through PostgreSQL. */
@MailroomTest
class LiveMailStatusTest {

    @Autowired
    StatusListenerHealth health;

    @Autowired
    MailStatusService statuses;

    @Autowired
    MailStatusBroadcaster broadcaster;

    @Autowired
    StatusChangeListener listener;

    @Autowired
    TestTenants fixtures;

    @Autowired
    dev.mailroom.support.DatabaseOwner databaseOwner;

    Tenant acme;
    Tenant globex;
    User acmeAdmin;
    final List<Optional<MailStatus>> seenByAcme = new CopyOnWriteArrayList<>();
    final List<Optional<MailStatus>> seenByGlobex = new CopyOnWriteArrayList<>();
    Runnable stopAcme;
    Runnable stopGlobex;

    @BeforeEach
    void twoTenantsWatched() {
        acme = fixtures.newTenant("Acme");
        globex = fixtures.newTenant("Globex");
        acmeAdmin = fixtures.newUser(acme, "Ada", Role.ADMIN);
        stopAcme = broadcaster.watch(acme.id(), seenByAcme::add);
        stopGlobex = broadcaster.watch(globex.id(), seenByGlobex::add);
        fixtures.signInAs(acmeAdmin);
    }

    @AfterEach
    void stopWatching() {
        stopAcme.run();
        stopGlobex.run();
        fixtures.signOut();
    }

    private static MailHealth last(List<Optional<MailStatus>> seen) {
        return seen.getLast().map(MailStatus::level).orElse(MailHealth.UNKNOWN);
    }

    @Test
    void aProblemReachesTheTenantsWatchersAndNoOneElse() {
        statuses.recordProblem(MailHealth.ERROR, StatusSource.TEST, "mail.explain.bad-credentials", "AUTH: 535");
        await().atMost(Duration.ofSeconds(10))
                .until(() -> !seenByAcme.isEmpty() && last(seenByAcme) == MailHealth.ERROR);
        assertThat(seenByAcme.getLast())
                .get()
                .extracting(MailStatus::reasonKey)
                .isEqualTo("mail.explain.bad-credentials");

        statuses.recordSuccess(StatusSource.TEST);
        await().atMost(Duration.ofSeconds(10)).until(() -> last(seenByAcme) == MailHealth.OK);
        assertThat(seenByGlobex).as("another tenant hears nothing").isEmpty();
    }

    @Test
    void aLostListeningConnectionIsReopenedAndChangesKeepArriving() throws Exception {
        await("the listener to be connected").atMost(Duration.ofSeconds(10)).until(listener::connected);
        // Every listening connection of this database (other cached contexts' too: they reconnect as well).
        try (var owner = databaseOwner.connect();
                var st = owner.prepareStatement(
                        "select pg_terminate_backend(pid) from pg_stat_activity where application_name = ?")) {
            st.setString(1, StatusChangeListener.APPLICATION_NAME);
            st.execute();
        }
        // Readiness shows the lost connection (the listener pauses a second before reconnecting), then its return.
        await("readiness to show the lost LISTEN connection")
                .atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(20))
                .until(() ->
                        health.health().getStatus().equals(org.springframework.boot.health.contributor.Status.DOWN));
        await("readiness to be back")
                .atMost(Duration.ofSeconds(10))
                .until(() -> health.health().getStatus().equals(org.springframework.boot.health.contributor.Status.UP));
        statuses.recordProblem(MailHealth.ERROR, StatusSource.SAVE, "status.reason.oauth-token", "invalid_client");
        await().atMost(Duration.ofSeconds(10))
                .until(() -> !seenByAcme.isEmpty() && last(seenByAcme) == MailHealth.ERROR);
    }

    @Test
    void anUnchangedOkIsNotAnnouncedAgain() {
        statuses.recordSuccess(StatusSource.DELIVERY);
        await().atMost(Duration.ofSeconds(10)).until(() -> seenByAcme.size() == 1);
        statuses.recordSuccess(StatusSource.DELIVERY);
        statuses.recordSuccess(StatusSource.DELIVERY);
        // Notifications arrive in commit order: once this one is here, the two before it would have been too.
        statuses.recordProblem(MailHealth.WARNING, StatusSource.EXPIRY, "smtp.warning.ca.expires-soon", null);
        await().atMost(Duration.ofSeconds(10)).until(() -> last(seenByAcme) == MailHealth.WARNING);
        assertThat(seenByAcme)
                .extracting(s -> s.map(MailStatus::level).orElseThrow())
                .containsExactly(MailHealth.OK, MailHealth.WARNING);
    }

    /** An open SMTP page re-reads the settings on a save elsewhere, and only then (not on every status change). */
    @Test
    void aSettingsChangeReachesTheTenantsSettingsWatchersAndAStatusChangeDoesNot() {
        var acmeSettings = new java.util.concurrent.atomic.AtomicInteger();
        var globexSettings = new java.util.concurrent.atomic.AtomicInteger();
        var stopAcmeSettings = broadcaster.watchSettings(acme.id(), acmeSettings::incrementAndGet);
        var stopGlobexSettings = broadcaster.watchSettings(globex.id(), globexSettings::incrementAndGet);
        try {
            statuses.recordProblem(MailHealth.ERROR, StatusSource.TEST, "mail.explain.bad-credentials", null);
            statuses.announceSettingsChange();
            // One listening connection, notifications in commit order: the status change came first.
            await("the settings change to reach Acme's settings watcher")
                    .atMost(Duration.ofSeconds(10))
                    .until(() -> acmeSettings.get() == 1);
            statuses.recordSuccess(StatusSource.TEST);
            await("the success to reach Acme's status watcher")
                    .atMost(Duration.ofSeconds(10))
                    .until(() -> last(seenByAcme) == MailHealth.OK);
            assertThat(seenByAcme)
                    .as("the settings change is not a status change")
                    .extracting(st -> st.map(MailStatus::level).orElseThrow())
                    .containsExactly(MailHealth.ERROR, MailHealth.OK);
            assertThat(acmeSettings)
                    .as("status changes are not settings changes")
                    .hasValue(1);
            assertThat(globexSettings).as("another tenant hears nothing").hasValue(0);
        } finally {
            stopAcmeSettings.run();
            stopGlobexSettings.run();
        }
    }

    @Test
    void watchersThatStopAreForgotten() {
        int before = broadcaster.watcherCount();
        var stops = new java.util.ArrayList<Runnable>();
        for (int i = 0; i < 200; i++) {
            var seen = new CopyOnWriteArrayList<Optional<MailStatus>>();
            stops.add(broadcaster.watch(acme.id(), seen::add));
        }
        assertThat(broadcaster.watcherCount()).isEqualTo(before + 200);
        stops.forEach(Runnable::run);
        assertThat(broadcaster.watcherCount()).isEqualTo(before);
    }

    @Test
    void aChangeOnOneNodeReachesTheOtherNodeThroughPostgreSql() {
        // Arguments, not builder properties: those are defaults, and application.yaml's server.port (8080) outranks
        // them.
        try (var otherNode = new SpringApplicationBuilder(Application.class)
                .web(WebApplicationType.SERVLET)
                .run(
                        "--server.port=0",
                        "--server.address=127.0.0.1",
                        "--mailroom.demo.enabled=false",
                        "--vaadin.launch-browser=false")) {
            var seenOnOtherNode = new CopyOnWriteArrayList<Optional<MailStatus>>();
            Runnable stop = otherNode.getBean(MailStatusBroadcaster.class).watch(acme.id(), seenOnOtherNode::add);
            // Two contexts in one JVM: the second installed its own security-context strategy; sign in again.
            fixtures.signInAs(acmeAdmin);
            try {
                await("the other node's status listener to be connected")
                        .atMost(Duration.ofSeconds(30))
                        .until(() ->
                                otherNode.getBean(StatusChangeListener.class).connected());
                statuses.recordProblem(MailHealth.WARNING, StatusSource.EXPIRY, "smtp.warning.ca.expires-soon", null);
                assertThat(statuses.current())
                        .as("this node recorded the change")
                        .map(MailStatus::level)
                        .hasValue(MailHealth.WARNING);
                await("the other node to hear of the change this node recorded")
                        .atMost(Duration.ofSeconds(20))
                        .until(() -> !seenOnOtherNode.isEmpty() && last(seenOnOtherNode) == MailHealth.WARNING);
            } finally {
                stop.run();
            }
        }
    }
}
