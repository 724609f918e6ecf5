package dev.mailroom.smtp.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.vaadin.browserless.SpringBrowserlessTest;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import dev.mailroom.status.MailHealth;
import dev.mailroom.status.MailStatus;
import dev.mailroom.status.MailStatusService;
import dev.mailroom.support.LoopbackSmtp;
import dev.mailroom.support.MailroomTest;
import dev.mailroom.support.TestTenants;
import dev.mailroom.users.Role;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;

/** The admin clicks "Send test email" and "Test connection" on the page; real SMTP on loopback. */
@MailroomTest
class SmtpTestButtonsTest extends SpringBrowserlessTest {

    @RegisterExtension
    static GreenMailExtension greenMail = LoopbackSmtp.greenMail();

    @Autowired
    TestTenants fixtures;

    @Autowired
    dev.mailroom.support.TrackedTasks tasks;

    @Autowired
    MailStatusService status;

    @Autowired
    dev.mailroom.mailbox.Mailbox mailbox;

    String adminEmail;

    @BeforeEach
    void signIn() {
        var admin = fixtures.newUser(fixtures.newTenant("Buttons"), "Bea", Role.ADMIN);
        adminEmail = admin.email();
        fixtures.signInAs(admin);
    }

    @AfterEach
    void signOut() {
        fixtures.signOut();
    }

    private SmtpSettingsView openWithUnsavedSettings(int port) {
        UI.getCurrent().navigate("");
        var view = navigate(SmtpSettingsView.class);
        var form = view.form;
        test(form.useCustom).click();
        test(form.server().host).setValue("127.0.0.1");
        test(form.server().security).selectItem("None");
        test(form.server().port).setValue(String.valueOf(port));
        test(form.sender().senderName).setValue("Acme Mail");
        test(form.sender().senderAddress).setValue("noreply@acme.example");
        test(form.auth().authType).selectItem("Basic (user name and password)");
        test(form.auth().username()).setValue(LoopbackSmtp.USER);
        form.auth().password().setValue(LoopbackSmtp.PASSWORD);
        return view;
    }

    private String finish(SmtpSettingsView view) {
        tasks.awaitIdle();
        roundTrip();
        return $(com.vaadin.flow.component.html.Div.class)
                .id(SmtpSettingsView.RESULT_ID)
                .getElement()
                .getTextRecursively();
    }

    @Test
    void onTheDefaultServiceSendTestEmailGoesThroughItAndTestConnectionIsForCustomSettings() {
        UI.getCurrent().navigate("");
        var view = navigate(SmtpSettingsView.class);
        assertThat(view.form.useCustom.getValue())
                .as("a new tenant uses the default service")
                .isFalse();
        var testConnection = $(Button.class).id("smtp-test-connection");
        assertThat(testConnection.isEnabled())
                .as("the default service is the operator's to test")
                .isFalse();

        test($(Button.class).id("smtp-send-test-email")).click();
        String shown = finish(view);
        assertThat(shown).contains("Test email sent to " + adminEmail).doesNotContain("marked fields");
        // The service is the operator's: steps by name, never its host, port, certificate, capabilities or account.
        assertThat(shown)
                .contains("Authentication", "the deployment\u2019s mail service")
                .doesNotContain("127.0.0.1", "localhost", "STARTTLS", "PLAIN", "TLSv1", "mailbox", "S: 250");
        assertThat(mailbox.recent(20))
                .as("the demo mailbox (this deployment's default service) got it")
                .anySatisfy(letter -> assertThat(letter.to()).contains(adminEmail));

        test(view.form.useCustom).click();
        assertThat(testConnection.isEnabled()).isTrue();
    }

    @Test
    void sendTestEmailDeliversToTheAdminWithUnsavedSettingsAndSaysSo() throws Exception {
        var view = openWithUnsavedSettings(greenMail.getSmtp().getPort());
        assertThat(view.tests.recipient.getValue()).isEqualTo(adminEmail);
        var send = $(Button.class).id("smtp-send-test-email");
        test(send).click();
        assertThat(send.isEnabled()).as("disabled while running").isFalse();
        String shown = finish(view);
        assertThat(shown).contains("Test email sent to " + adminEmail, "Authentication", "Send message");
        var report = $(Button.class).id("smtp-conversation-copy").getElement().getAttribute("data-report");
        assertThat(report)
                .as("the report to copy for support: steps and transcript, never the secret")
                .contains("Test email sent to " + adminEmail, "✔ Authentication", "C: EHLO", "S: 250")
                .doesNotContain(LoopbackSmtp.PASSWORD);
        assertThat(send.isEnabled()).isTrue();
        var arrived = greenMail.getReceivedMessages();
        assertThat(arrived).hasSize(1);
        assertThat(arrived[0].getAllRecipients()[0].toString()).isEqualTo(adminEmail);
        assertThat(arrived[0].getSubject()).isEqualTo("Mailroom mail test");
        assertThat(view.form.useCustom.getValue()).isTrue();
    }

    @Test
    void aFailedConnectionTestShowsTheStepAndWhatToDoAndRecordsTheStatus() throws Exception {
        int closed = dev.mailroom.support.Ports.unusedLoopbackPort();
        var view = openWithUnsavedSettings(closed);
        test($(Button.class).id("smtp-test-connection")).click();
        String shown = finish(view);
        assertThat(shown)
                .contains("The test failed at: TCP connect", "No connection could be made to the server on this port");
        assertThat(status.current()).map(MailStatus::level).hasValue(MailHealth.ERROR);
    }

    @Test
    void theStepsFindingsAreInTheAdminsLanguageAndTheProtocolFactsAsTheyAre() {
        var view = openWithUnsavedSettings(greenMail.getSmtp().getPort());
        // The report is made in the language the page speaks when the result arrives.
        UI.getCurrent().setLocale(dev.mailroom.i18n.Languages.POLISH);
        test($(Button.class).id("smtp-test-connection")).click();
        String shown = finish(view);
        assertThat(shown)
                .contains("jako " + LoopbackSmtp.USER)
                .doesNotContain(" as " + LoopbackSmtp.USER)
                .contains("127.0.0.1:" + greenMail.getSmtp().getPort());
    }

    @Test
    void aBadRecipientIsShownNextToItsFieldAndNothingIsSent() {
        var view = openWithUnsavedSettings(greenMail.getSmtp().getPort());
        test(view.tests.recipient).setValue("not an address");
        test($(Button.class).id("smtp-send-test-email")).click();
        String shown = finish(view);
        assertThat(shown).contains("Nothing was tested");
        assertThat(view.tests.recipient.isInvalid()).isTrue();
        assertThat(view.tests.recipient.getErrorMessage()).startsWith("Enter one email address");
        assertThat(greenMail.getReceivedMessages()).isEmpty();
    }
}
