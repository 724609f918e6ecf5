package dev.mailroom.users.ui;

import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.EmailField;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.VaadinRequest;
import com.vaadin.flow.server.auth.AnonymousAllowed;
import dev.mailroom.throttle.ThrottleUnavailableException;
import dev.mailroom.throttle.TooManyAttemptsException;
import dev.mailroom.users.PasswordResets;

/** "Forgot password?": one answer for every address, so the page tells nobody who has an account. */
@Route(value = "account/forgot", autoLayout = false)
@AnonymousAllowed
class ForgotPasswordView extends VerticalLayout implements HasDynamicTitle {

    final EmailField email = new EmailField();
    final Button send = new Button();
    final Paragraph answer = new Paragraph();

    ForgotPasswordView(PasswordResets resets) {
        setId("forgot-password-view");
        setAlignItems(Alignment.CENTER);
        addClassName("mailroom-login");
        email.setId("forgot-email");
        email.setLabel(getTranslation("account.forgot.email"));
        email.setWidth("20rem");
        send.setId("forgot-send");
        send.setText(getTranslation("account.forgot.send"));
        send.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        send.addClickShortcut(Key.ENTER);
        answer.setId("forgot-answer");
        send.addClickListener(e -> {
            String address = email.getValue().strip();
            if (address.isEmpty()) {
                email.setErrorMessage(getTranslation("account.forgot.email-required"));
                email.setInvalid(true);
                return;
            }
            email.setInvalid(false);
            try {
                resets.request(address, VaadinRequest.getCurrent().getRemoteAddr(), getLocale());
                answer.setText(getTranslation("account.forgot.answer", address));
                answer.setClassName("mailroom-success");
            } catch (TooManyAttemptsException ex) {
                answer.setText(getTranslation("throttle.too-many", ex.retryAfterSeconds()));
                answer.setClassName("mailroom-error");
            } catch (ThrottleUnavailableException ex) {
                answer.setText(getTranslation("account.forgot.unavailable"));
                answer.setClassName("mailroom-error");
            }
        });
        add(
                new H1(getTranslation("account.forgot.title")),
                new Paragraph(getTranslation("account.forgot.text")),
                email,
                send,
                answer,
                new Anchor("login", getTranslation("account.password.to-login")));
    }

    @Override
    public String getPageTitle() {
        return getTranslation("account.forgot.title") + " | " + getTranslation("app.name");
    }
}
