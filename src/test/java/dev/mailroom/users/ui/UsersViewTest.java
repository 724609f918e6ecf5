package dev.mailroom.users.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.browserless.SpringBrowserlessTest;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.router.QueryParameters;
import dev.mailroom.outbox.Deliveries;
import dev.mailroom.outbox.MailKind;
import dev.mailroom.support.MailroomTest;
import dev.mailroom.support.TestTenants;
import dev.mailroom.users.Role;
import dev.mailroom.users.User;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Administration → Users and the page an invitation link leads to. */
@MailroomTest
class UsersViewTest extends SpringBrowserlessTest {

    static final int ACTIONS = 5;

    @Autowired
    TestTenants fixtures;

    @Autowired
    Deliveries deliveries;

    @Autowired
    dev.mailroom.outbox.QueuedLinks queuedLinks;

    @Autowired
    dev.mailroom.throttle.SignInLocks signInLocks;

    dev.mailroom.tenant.Tenant tenant;
    User admin;

    @BeforeEach
    void signIn() {
        tenant = fixtures.newTenant("People");
        admin = fixtures.newUser(tenant, "Petra", Role.ADMIN);
        fixtures.signInAs(admin);
    }

    @AfterEach
    void signOut() {
        fixtures.signOut();
    }

    private UsersView open() {
        UI.getCurrent().navigate("");
        return navigate(UsersView.class);
    }

    private String result() {
        return $(Div.class).id(UsersView.RESULT_ID).getElement().getTextRecursively();
    }

    private int rowOf(UsersView view, String email) {
        for (int i = 0; i < test(view.grid).size(); i++) {
            if (test(view.grid).getRow(i).email().equals(email)) {
                return i;
            }
        }
        throw new AssertionError(email + " not listed");
    }

    @Test
    void anAccountLockedAfterFailedSignInsShowsAsLockedUntilItsLockEnds() {
        var member = fixtures.newUser(tenant, "Lukas", Role.USER);
        signInLocks.lock(member.email(), java.time.Duration.ofMinutes(3));
        var view = open();
        assertThat(test(view.grid).getCellText(rowOf(view, member.email()), ACTIONS - 1))
                .startsWith("Locked after failed sign-ins until");
        assertThat(test(view.grid).getCellText(rowOf(view, admin.email()), ACTIONS - 1))
                .isEqualTo("Active");
    }

    private Button action(UsersView view, String email, String text) {
        var actions = (HorizontalLayout) test(view.grid).getCellComponent(rowOf(view, email), ACTIONS);
        return actions.getChildren()
                .map(Button.class::cast)
                .filter(b -> b.getText().equals(text))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + text + " for " + email));
    }

    @Test
    void anInvitationIsCheckedInTheDialogSentAndListedAsInvited() {
        var view = open();
        test($(Button.class).id("users-invite")).click();
        roundTrip();
        var dialog = view.inviteDialog;
        test(dialog.email).setValue("not an address");
        test(dialog.name).setValue("Nina New");
        test(dialog.send).click();
        assertThat(dialog.email.isInvalid()).isTrue();
        assertThat(dialog.email.getErrorMessage()).isEqualTo("Enter one email address, like name@example.com.");
        assertThat(dialog.isOpened()).isTrue();

        // Another tenant's member is invited like anyone; only someone already in this tenant is refused, by the field.
        test(dialog.email)
                .setValue(fixtures.newUser(fixtures.newTenant("Elsewhere"), "Elsa", Role.ADMIN)
                        .email());
        test(dialog.name).setValue("Ada Here Too");
        test(dialog.send).click();
        assertThat(dialog.isOpened())
                .as("the answer for another tenant's member")
                .isFalse();
        test($(Button.class).id("users-invite")).click();
        roundTrip();
        dialog = view.inviteDialog;
        test(dialog.email).setValue(admin.email().toUpperCase(java.util.Locale.ROOT));
        test(dialog.name).setValue("Nina New");
        test(dialog.send).click();
        assertThat(dialog.email.getErrorMessage())
                .isEqualTo("This address is already a member of this tenant, or invited to it.");

        String address = "nina." + System.nanoTime() + "@people.example";
        test(dialog.email).setValue(address);
        test(dialog.send).click();
        assertThat(dialog.isOpened()).isFalse();
        assertThat(result()).isEqualTo("Invitation sent to " + address + ". The link in it works once, for 72 hours.");
        assertThat(test(view.grid).getCellText(rowOf(view, address), 4)).isEqualTo("Invited");
        assertThat(action(view, address, "Resend invitation")).isNotNull();
        assertThat(deliveries.recent(5)).anySatisfy(m -> {
            assertThat(m.kind()).isEqualTo(MailKind.INVITATION);
            assertThat(m.recipient()).isEqualTo(address);
        });
    }

    @Test
    void theOnlyAdminCannotDeactivateThemselvesAndIsToldWhy() {
        var view = open();
        test(action(view, admin.email(), "Deactivate")).click();
        assertThat(result()).startsWith("Your organisation needs at least one admin who can sign in.");
        assertThat(test(view.grid).getCellText(rowOf(view, admin.email()), 4)).isEqualTo("Active");
    }

    @Test
    void theInvitationLinkLeadsToAPageThatSetsThePasswordOnce() {
        var view = open();
        test($(Button.class).id("users-invite")).click();
        roundTrip();
        String address = "sam." + System.nanoTime() + "@people.example";
        test(view.inviteDialog.email).setValue(address);
        test(view.inviteDialog.name).setValue("Sam Setter");
        test(view.inviteDialog.send).click();
        var mail = deliveries.recent(5).stream()
                .filter(m -> m.recipient().equals(address))
                .findFirst()
                .orElseThrow();
        assertThat(mail.body()).as("the outbox keeps no working link").doesNotContain("token=");
        var link = Pattern.compile("/account/password\\?token=([A-Za-z0-9_-]+)").matcher(queuedLinks.linkOf(mail));
        assertThat(link.find()).isTrue();
        fixtures.signOut();

        UI.getCurrent().navigate("account/password", QueryParameters.of("token", link.group(1)));
        var page = (SetPasswordView) getCurrentView();
        assertThat(page.getElement().getTextRecursively()).contains("Welcome, Sam Setter", address);
        test(page.password).setValue("short");
        test(page.repeated).setValue("short");
        test(page.submit).click();
        assertThat(page.password.getErrorMessage()).isEqualTo("Use at least 10 characters.");
        test(page.password).setValue("a perfectly fine password");
        test(page.repeated).setValue("a perfectly fine password");
        test(page.submit).click();
        assertThat($(Paragraph.class).id("login-password-set").isVisible()).isTrue();

        UI.getCurrent().navigate("account/password", QueryParameters.of("token", link.group(1)));
        assertThat($(Paragraph.class).id("set-password-unusable").getText())
                .startsWith("It has expired, was already used");
    }
}
