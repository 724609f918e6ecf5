package dev.mailroom.ui;

import com.vaadin.flow.component.textfield.PasswordField;

/**
 * The "show password" button of a password input names itself in the reader's language: the web component's own
 * name for it is English, and Vaadin's Java {@code PasswordFieldI18n} carries only error messages.
 */
public final class PasswordReveal {

    /** What the web component reads ({@code i18n.reveal}); the whole object, as it replaces the default one. */
    public record Texts(String reveal) {}

    private PasswordReveal() {}

    public static void translate(PasswordField field) {
        field.getElement().setPropertyBean("i18n", new Texts(field.getTranslation("field.password.reveal")));
    }
}
