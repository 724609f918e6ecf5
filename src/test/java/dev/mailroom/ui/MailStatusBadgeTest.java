package dev.mailroom.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.vaadin.browserless.SpringBrowserlessTest;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.badge.Badge;
import com.vaadin.flow.component.html.Div;
import dev.mailroom.status.MailHealth;
import dev.mailroom.status.MailStatusBroadcaster;
import dev.mailroom.status.MailStatusService;
import dev.mailroom.status.StatusSource;
import dev.mailroom.support.MailroomTest;
import dev.mailroom.support.TestTenants;
import dev.mailroom.users.Role;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** An admin's open page shows the tenant's mail problem as it happens: sidebar badge and SMTP banner. */
@MailroomTest
class MailStatusBadgeTest extends SpringBrowserlessTest {

    @Autowired
    TestTenants fixtures;

    @Autowired
    MailStatusService statuses;

    @Autowired
    MailStatusBroadcaster broadcaster;

    @BeforeEach
    void signIn() {
        fixtures.signInAs(fixtures.newUser(fixtures.newTenant("Badge"), "Bo", Role.ADMIN));
    }

    @AfterEach
    void signOut() {
        fixtures.signOut();
    }

    /** Queries see visible components only: a shown badge is one that can be found. */
    private boolean shown(String id) {
        return $(Badge.class).withId(id).exists();
    }

    private Badge badge(String id) {
        return $(Badge.class).id(id);
    }

    private void awaitPushed(Runnable assertion) {
        await().pollInSameThread().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            roundTrip();
            assertion.run();
        });
    }

    @Test
    void aProblemShowsOnTheSidebarAndTheSmtpPageWithoutReloadAndGoesAwayWhenFixed() {
        UI.getCurrent().navigate("admin/smtp");
        assertThat(shown(MainLayout.BADGE_ID)).isFalse();

        statuses.recordProblem(MailHealth.ERROR, StatusSource.TEST, "mail.explain.bad-credentials", "AUTH: 535 5.7.8");
        awaitPushed(() -> assertThat(shown(MainLayout.BADGE_ID)).isTrue());
        assertThat(badge(MainLayout.BADGE_ID).getText()).isEqualTo("Error");
        assertThat(badge(MainLayout.BADGE_ID).getElement().getAttribute("aria-label"))
                .contains("failing");
        var banner = $(Div.class).id("smtp-status-banner");
        assertThat(banner.isVisible()).isTrue();
        assertThat(banner.getElement().getTextRecursively())
                .contains(
                        "Mail for your organisation is failing", "refused the user name and password", "a test", "Bo");

        statuses.recordSuccess(StatusSource.TEST);
        awaitPushed(() -> assertThat(shown(MainLayout.BADGE_ID)).isFalse());
        assertThat($(Div.class).withId("smtp-status-banner").exists()).isFalse();
    }

    @Test
    void leavingTheSmtpPageReleasesItsWatcher() {
        UI.getCurrent().navigate("admin/smtp");
        int onSmtpPage = broadcaster.watcherCount();
        UI.getCurrent().navigate("");
        assertThat(broadcaster.watcherCount()).isEqualTo(onSmtpPage - 1);
    }
}
