package dev.mailroom.users.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.browserless.SpringBrowserlessTest;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.login.LoginForm;
import dev.mailroom.support.MailroomTest;
import dev.mailroom.support.TestTenants;
import dev.mailroom.users.Role;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The "Forgot password?" page says the same to everyone. */
@MailroomTest
class ForgotPasswordViewTest extends SpringBrowserlessTest {

    @Autowired
    TestTenants fixtures;

    private String answerFor(String address) {
        var view = navigate(ForgotPasswordView.class);
        test(view.email).setValue(address);
        test(view.send).click();
        return view.answer.getText().replace(address, "<address>");
    }

    @Test
    void anExistingAndAnUnknownAddressGetTheSameAnswer() {
        String existing = answerFor(fixtures.newUser(fixtures.newTenant("Forgetful"), "Fred", Role.USER)
                .email());
        String unknown = answerFor("nobody." + System.nanoTime() + "@nowhere.example");
        assertThat(existing)
                .isEqualTo(unknown)
                .isEqualTo(
                        "If an account exists for <address>, a link to reset its password is on its way. It works once, for 30 minutes.");
    }

    @Test
    void theSignInPageLeadsThere() {
        UI.getCurrent().navigate("login");
        test($(LoginForm.class).single()).forgotPassword();
        assertThat(getCurrentView()).isInstanceOf(ForgotPasswordView.class);
    }
}
