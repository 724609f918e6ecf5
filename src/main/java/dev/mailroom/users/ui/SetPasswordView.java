package dev.mailroom.users.ui;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.auth.AnonymousAllowed;
import dev.mailroom.ui.PasswordReveal;
import dev.mailroom.users.AccountSetup;
import dev.mailroom.users.InvalidPasswordException;
import dev.mailroom.users.LinkNotUsableException;
import dev.mailroom.users.LinkPurpose;
import dev.mailroom.users.PendingLink;
import java.util.Optional;

/**
 * Where an invitation or a password reset link leads: choose a password (or, invited with an address that has one
 * already, sign in to accept). Nobody is signed in; the token in the address is the only key, and it works once.
 */
@Route(value = "account/password", autoLayout = false)
@AnonymousAllowed
class SetPasswordView extends VerticalLayout implements BeforeEnterObserver, HasDynamicTitle {

    private final AccountSetup setup;
    final PasswordField password = new PasswordField();
    final PasswordField repeated = new PasswordField();
    final Button submit = new Button();
    private String token = "";

    SetPasswordView(AccountSetup setup) {
        this.setup = setup;
        setId("set-password-view");
        setAlignItems(Alignment.CENTER);
        addClassName("mailroom-login");
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        token = event.getLocation()
                .getQueryParameters()
                .getSingleParameter("token")
                .orElse("");
        show(setup.check(token));
    }

    private void show(Optional<PendingLink> link) {
        removeAll();
        if (link.isEmpty()) {
            unusable();
            return;
        }
        var pending = link.get();
        boolean invitation = pending.purpose() == LinkPurpose.INVITATION;
        add(new H1(
                invitation
                        ? getTranslation("account.password.welcome", pending.displayName())
                        : getTranslation("account.password.reset-title")));
        add(new Paragraph(getTranslation("account.password.for", pending.email())));
        if (pending.signIn()) {
            // Someone who has a password accepts with it: this page sets none.
            var text = new Paragraph(getTranslation("account.password.sign-in-to-accept"));
            text.setId("set-password-sign-in");
            add(text, new Anchor("login", getTranslation("account.password.to-login")));
            return;
        }
        password.setId("set-password-new");
        password.setLabel(getTranslation("account.password.new"));
        password.setHelperText(getTranslation("account.password.new.help"));
        password.setWidth("20rem");
        repeated.setId("set-password-repeat");
        repeated.setLabel(getTranslation("account.password.repeat"));
        repeated.setWidth("20rem");
        PasswordReveal.translate(password);
        PasswordReveal.translate(repeated);
        submit.setId("set-password-submit");
        submit.setText(getTranslation("account.password.submit"));
        submit.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        submit.addClickShortcut(com.vaadin.flow.component.Key.ENTER);
        submit.addClickListener(e -> submit());
        add(password, repeated, submit);
        password.focus();
    }

    private void submit() {
        password.setInvalid(false);
        repeated.setInvalid(false);
        try {
            setup.setPassword(token, password.getValue(), repeated.getValue());
            UI.getCurrent().navigate("login", com.vaadin.flow.router.QueryParameters.of("password-set", ""));
        } catch (InvalidPasswordException e) {
            var field = e.messageKey().equals("password.mismatch") ? repeated : password;
            field.setErrorMessage(getTranslation(e.messageKey(), e.args().toArray()));
            field.setInvalid(true);
        } catch (LinkNotUsableException e) {
            removeAll();
            unusable();
        }
    }

    private void unusable() {
        add(new H1(getTranslation("account.password.unusable.title")));
        var text = new Paragraph(getTranslation("account.password.unusable.text"));
        text.setId("set-password-unusable");
        add(text, new Anchor("login", getTranslation("account.password.to-login")));
    }

    @Override
    public String getPageTitle() {
        return getTranslation("account.password.title") + " | " + getTranslation("app.name");
    }
}
