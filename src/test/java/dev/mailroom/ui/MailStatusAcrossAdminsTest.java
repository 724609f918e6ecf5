package dev.mailroom.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.vaadin.browserless.BrowserlessUIContext;
import com.vaadin.browserless.SpringBrowserlessApplicationContext;
import com.vaadin.flow.component.badge.Badge;
import dev.mailroom.status.MailHealth;
import dev.mailroom.status.MailStatusService;
import dev.mailroom.status.StatusSource;
import dev.mailroom.support.MailroomTest;
import dev.mailroom.support.TestTenants;
import dev.mailroom.users.Role;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/** Several signed-in users at once (Vaadin 25.2 browserless contexts): the badge follows the tenant, live. */
@MailroomTest
class MailStatusAcrossAdminsTest {

    @Autowired
    ApplicationContext spring;

    @Autowired
    TestTenants fixtures;

    @Autowired
    MailStatusService statuses;

    @AfterEach
    void signOut() {
        fixtures.signOut();
    }

    private static boolean badgeShown(BrowserlessUIContext window) {
        window.activate();
        window.roundTrip();
        return window.find(Badge.class).withId(MainLayout.BADGE_ID).exists();
    }

    @Test
    void anErrorCausedByOneAdminShowsForEveryAdminOfTheTenantAndForNobodyElse() {
        var acme = fixtures.newTenant("Acme");
        var adminA = fixtures.newUser(acme, "Ada", Role.ADMIN);
        var adminB = fixtures.newUser(acme, "Alan", Role.ADMIN);
        var globexAdmin = fixtures.newUser(fixtures.newTenant("Globex"), "Gina", Role.ADMIN);

        try (var app = SpringBrowserlessApplicationContext.createSecured(spring, "dev.mailroom")) {
            var windowA = app.newUser(fixtures.authenticationOf(adminA)).newWindow();
            windowA.navigate(HomeView.class);
            var windowB = app.newUser(fixtures.authenticationOf(adminB)).newWindow();
            windowB.navigate(HomeView.class);
            var windowGlobex =
                    app.newUser(fixtures.authenticationOf(globexAdmin)).newWindow();
            windowGlobex.navigate(HomeView.class);
            assertThat(badgeShown(windowA) || badgeShown(windowB) || badgeShown(windowGlobex))
                    .isFalse();

            fixtures.signInAs(adminA);
            statuses.recordProblem(MailHealth.ERROR, StatusSource.TEST, "mail.explain.bad-credentials", "AUTH: 535");
            await().pollInSameThread()
                    .atMost(Duration.ofSeconds(10))
                    .until(() -> badgeShown(windowB) && badgeShown(windowA));
            assertThat(badgeShown(windowGlobex))
                    .as("another tenant's admin sees nothing")
                    .isFalse();

            fixtures.signInAs(adminA);
            statuses.recordSuccess(StatusSource.TEST);
            await().pollInSameThread()
                    .atMost(Duration.ofSeconds(10))
                    .until(() -> !badgeShown(windowA) && !badgeShown(windowB));
        }
    }
}
