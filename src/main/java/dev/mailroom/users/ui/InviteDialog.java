package dev.mailroom.users.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.EmailField;
import com.vaadin.flow.component.textfield.TextField;
import dev.mailroom.throttle.ThrottleUnavailableException;
import dev.mailroom.throttle.TooManyAttemptsException;
import dev.mailroom.users.EmailTakenException;
import dev.mailroom.users.InvalidInvitationException;
import dev.mailroom.users.Invitations;
import dev.mailroom.users.Role;
import dev.mailroom.users.User;
import java.util.function.Consumer;

/** Email, name and role of a new user; the service checks them and sends the invitation. */
class InviteDialog extends Dialog {

    final EmailField email = new EmailField();
    final TextField name = new TextField();
    final Select<Role> role = new Select<>();
    final Button send = new Button();
    /** Why the service refused to send now (too many invitations): under the form, read out when it appears. */
    final Span refused = new Span();

    InviteDialog(Invitations invitations, Consumer<User> invited) {
        setId("users-invite-dialog");
        setHeaderTitle(getTranslation("users.invite.title"));
        email.setId("invite-email");
        email.setLabel(getTranslation("users.invite.email"));
        email.setRequiredIndicatorVisible(true);
        name.setId("invite-name");
        name.setLabel(getTranslation("users.invite.name"));
        name.setRequiredIndicatorVisible(true);
        name.setMaxLength(200);
        role.setId("invite-role");
        role.setLabel(getTranslation("users.invite.role"));
        role.setItems(Role.values());
        role.setItemLabelGenerator(r -> getTranslation("role." + r.name()));
        role.setValue(Role.USER);
        refused.setId("invite-refused");
        refused.getElement().setAttribute("role", "alert");
        refused.getStyle().set("color", "var(--lumo-error-text-color)");
        refused.setVisible(false);
        add(new FormLayout(email, name, role), refused);

        send.setId("invite-send");
        send.setText(getTranslation("users.invite.send"));
        send.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        send.addClickListener(e -> {
            email.setInvalid(false);
            name.setInvalid(false);
            refused.setVisible(false);
            try {
                var user = invitations.invite(email.getValue(), name.getValue(), role.getValue(), getLocale());
                close();
                invited.accept(user);
            } catch (InvalidInvitationException ex) {
                var field = ex.field().equals("name") ? name : email;
                field.setErrorMessage(getTranslation(ex.messageKey()));
                field.setInvalid(true);
            } catch (EmailTakenException ex) {
                email.setErrorMessage(getTranslation("users.invite.error.taken"));
                email.setInvalid(true);
            } catch (TooManyAttemptsException ex) {
                refuse(getTranslation(
                        "users.invite.error.too-many",
                        Math.max(1, ex.retryAfter().toSeconds())));
            } catch (ThrottleUnavailableException ex) {
                refuse(getTranslation("users.invite.error.unavailable"));
            }
        });
        var cancel = new Button(getTranslation("users.invite.cancel"), e -> close());
        getFooter().add(cancel, send);
    }

    private void refuse(String why) {
        refused.setText(why);
        refused.setVisible(true);
    }
}
