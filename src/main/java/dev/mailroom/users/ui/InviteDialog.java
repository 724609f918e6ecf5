package dev.mailroom.users.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.EmailField;
import com.vaadin.flow.component.textfield.TextField;
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
        add(new FormLayout(email, name, role));

        send.setId("invite-send");
        send.setText(getTranslation("users.invite.send"));
        send.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        send.addClickListener(e -> {
            email.setInvalid(false);
            name.setInvalid(false);
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
            }
        });
        var cancel = new Button(getTranslation("users.invite.cancel"), e -> close());
        getFooter().add(cancel, send);
    }
}
