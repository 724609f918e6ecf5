package dev.mailroom.smtp.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.vaadin.browserless.SpringBrowserlessTest;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.server.VaadinSession;
import dev.mailroom.support.MailroomTest;
import dev.mailroom.support.Ports;
import dev.mailroom.support.TestTenants;
import dev.mailroom.users.Role;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/** What the admin sees when a limit says no: the wait in seconds, the buttons held off, the form as typed. */
@MailroomTest
@TestPropertySource(
        properties = {
            "mailroom.throttle.connection-test.admin.capacity=1", "mailroom.throttle.connection-test.admin.period=3s",
            "mailroom.throttle.save.admin.capacity=1", "mailroom.throttle.save.admin.period=3s"
        })
class ThrottledButtonsTest extends SpringBrowserlessTest {

    @Autowired
    TestTenants fixtures;

    @Autowired
    dev.mailroom.support.TrackedTasks tasks;

    @BeforeEach
    void signIn() {
        fixtures.signInAs(fixtures.newUser(fixtures.newTenant("Patience"), "Pat", Role.ADMIN));
    }

    @AfterEach
    void signOut() {
        fixtures.signOut();
    }

    private SmtpSettingsView openWithUnsavedSettings() {
        UI.getCurrent().navigate("");
        var view = navigate(SmtpSettingsView.class);
        test(view.form.useCustom).click();
        test(view.form.server().host).setValue("127.0.0.1");
        test(view.form.server().security).selectItem("None");
        test(view.form.server().port).setValue(String.valueOf(Ports.unusedLoopbackPort()));
        test(view.form.sender().senderAddress).setValue("noreply@patience.example");
        return view;
    }

    /** The wait is at most the 3 s period; the page re-enables the button by itself, pushed from the server. */
    private static void awaitEnabled(Button button) {
        await().atMost(Duration.ofSeconds(6))
                .pollInSameThread()
                .pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    // The test thread holds the session lock, so a UI.access() from the timer thread waits in
                    // the session's queue; run it as Vaadin does when the lock is released.
                    var session = VaadinSession.getCurrent();
                    session.getService().runPendingAccessTasks(session);
                    return button.isEnabled();
                });
    }

    private String result() {
        return $(Div.class).id(SmtpSettingsView.RESULT_ID).getElement().getTextRecursively();
    }

    @Test
    void aSecondTestTooSoonShowsTheWaitAndHoldsBothTestButtonsUntilThen() {
        var view = openWithUnsavedSettings();
        var testButton = $(Button.class).id("smtp-test-connection");
        var sendButton = $(Button.class).id("smtp-send-test-email");
        test(testButton).click();
        tasks.awaitIdle();
        roundTrip();
        assertThat(result()).contains("The test failed at: TCP connect");

        test(testButton).click();
        tasks.awaitIdle();
        roundTrip();
        assertThat(result()).matches("Too many attempts\\. Try again in ([23] seconds|1 second)\\.");
        assertThat(testButton.isEnabled()).isFalse();
        assertThat(sendButton.isEnabled()).isFalse();
        assertThat(view.form.server().host.getValue())
                .as("nothing typed is lost")
                .isEqualTo("127.0.0.1");
        assertThat(view.form.sender().senderAddress.getValue()).isEqualTo("noreply@patience.example");

        awaitEnabled(testButton);
        assertThat(sendButton.isEnabled()).isTrue();
        test(testButton).click();
        tasks.awaitIdle();
        roundTrip();
        assertThat(result()).contains("The test failed at: TCP connect");
    }

    @Test
    void aSecondSaveTooSoonShowsTheWaitAndHoldsSaveUntilThen() {
        var view = openWithUnsavedSettings();
        var save = $(Button.class).id("smtp-save");
        test(save).click();
        assertThat(result()).contains("SMTP configuration updated");

        test(view.form.sender().senderName).setValue("Patience Mail");
        test(save).click();
        assertThat(result()).matches("Too many attempts\\. Try again in ([23] seconds|1 second)\\.");
        assertThat(save.isEnabled()).isFalse();
        assertThat($(Button.class).id("smtp-test-connection").isEnabled())
                .as("tests have their own limit")
                .isTrue();
        assertThat(view.form.sender().senderName.getValue()).isEqualTo("Patience Mail");

        awaitEnabled(save);
        test(save).click();
        assertThat(result()).contains("SMTP configuration updated");
    }
}
