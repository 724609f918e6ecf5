package dev.mailroom.console.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.textfield.EmailField;
import com.vaadin.flow.component.textfield.TextField;
import dev.mailroom.console.InvalidTenantException;
import dev.mailroom.console.TenantsConsole;
import dev.mailroom.tenant.Tenant;
import dev.mailroom.users.EmailTakenException;
import dev.mailroom.users.InvalidInvitationException;
import java.text.Normalizer;
import java.util.Locale;
import java.util.function.Consumer;

/** A new tenant and the person who will be its first admin (invited by mail). */
class CreateTenantDialog extends Dialog {

    final TextField name = new TextField();
    final TextField slug = new TextField();
    final EmailField adminEmail = new EmailField();
    final TextField adminName = new TextField();
    final Button create = new Button();
    private boolean slugTyped;

    CreateTenantDialog(TenantsConsole console, Consumer<Tenant> created) {
        setId("console-create-dialog");
        setHeaderTitle(getTranslation("console.create.title"));
        name.setId("create-tenant-name");
        name.setLabel(getTranslation("console.create.name"));
        slug.setId("create-tenant-slug");
        slug.setLabel(getTranslation("console.create.slug"));
        slug.setHelperText(getTranslation("console.create.slug.help"));
        // The slug follows the name until the operator types one.
        name.addValueChangeListener(e -> {
            if (!slugTyped) {
                slug.setValue(slugOf(e.getValue()));
            }
        });
        slug.addValueChangeListener(e -> slugTyped |= e.isFromClient());
        adminEmail.setId("create-admin-email");
        adminEmail.setLabel(getTranslation("console.create.admin-email"));
        adminName.setId("create-admin-name");
        adminName.setLabel(getTranslation("console.create.admin-name"));
        add(
                new FormLayout(name, slug),
                new H4(getTranslation("console.create.first-admin")),
                new FormLayout(adminEmail, adminName));

        create.setId("create-tenant-submit");
        create.setText(getTranslation("console.create.submit"));
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        create.addClickListener(e -> {
            for (var field : new com.vaadin.flow.component.HasValidation[] {name, slug, adminEmail, adminName}) {
                field.setInvalid(false);
            }
            try {
                var tenant = console.createTenant(
                        name.getValue(), slug.getValue(), adminEmail.getValue(), adminName.getValue(), getLocale());
                close();
                created.accept(tenant);
            } catch (InvalidTenantException ex) {
                var field = ex.field().equals("slug") ? slug : name;
                field.setErrorMessage(getTranslation(ex.messageKey()));
                field.setInvalid(true);
            } catch (InvalidInvitationException ex) {
                if (ex.field().equals("name")) {
                    adminName.setErrorMessage(getTranslation(ex.messageKey()));
                    adminName.setInvalid(true);
                } else {
                    adminEmail.setErrorMessage(getTranslation(ex.messageKey()));
                    adminEmail.setInvalid(true);
                }
            } catch (EmailTakenException ex) {
                adminEmail.setErrorMessage(getTranslation("users.invite.error.taken"));
                adminEmail.setInvalid(true);
            }
        });
        getFooter().add(new Button(getTranslation("users.invite.cancel"), e -> close()), create);
    }

    static String slugOf(String name) {
        String plain = Normalizer.normalize(name, Normalizer.Form.NFD)
                .replaceAll("\\p{M}", "")
                .toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9]+", "-")
                .replaceAll("(^-+|-+$)", "");
        return plain.length() > 63 ? plain.substring(0, 63) : plain;
    }
}
