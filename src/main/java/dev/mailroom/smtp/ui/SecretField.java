package dev.mailroom.smtp.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.customfield.CustomField;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.textfield.PasswordField;
import dev.mailroom.ui.PasswordReveal;

/**
 * A write-only secret. The stored value never reaches the browser: when one is stored the field says so
 * and offers Replace; only what the admin types is sent back. An empty value means "keep the stored one".
 */
class SecretField extends CustomField<String> {

    private final PasswordField input = new PasswordField();
    private final Span storedNote = new Span();
    private final Button replace = new Button();
    private boolean stored;

    SecretField(String label, String id) {
        setLabel(label);
        setId(id);
        input.setId(id + "-input");
        // The label belongs to the custom field; the input inside needs its own accessible name.
        input.setAriaLabel(label);
        input.setRevealButtonVisible(true);
        PasswordReveal.translate(input);
        input.setWidthFull();
        storedNote.setText(getTranslation("smtp.secret.stored"));
        storedNote.addClassName("mailroom-secret-stored");
        replace.setText(getTranslation("smtp.secret.replace"));
        replace.setId(id + "-replace");
        replace.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_SMALL);
        replace.addClickListener(e -> showInput(true));
        var row = new HorizontalLayout(storedNote, replace, input);
        row.setAlignItems(HorizontalLayout.Alignment.BASELINE);
        row.setWidthFull();
        add(row);
        setWidthFull();
        showInput(true);
    }

    /** Whether a secret is stored; resets any half-typed replacement. */
    void setStored(boolean stored) {
        this.stored = stored;
        // Forget what was typed, in the component's value too, not only in the input the browser sees.
        setValue("");
        input.clear();
        showInput(!stored);
    }

    boolean isReplacing() {
        return input.isVisible();
    }

    private void showInput(boolean visible) {
        input.setVisible(visible);
        storedNote.setVisible(stored && !visible);
        replace.setVisible(stored && !visible);
        if (visible && stored) {
            input.setPlaceholder(getTranslation("smtp.secret.replace-placeholder"));
            input.focus();
        }
    }

    @Override
    protected String generateModelValue() {
        return input.isVisible() ? input.getValue() : "";
    }

    @Override
    protected void setPresentationValue(String value) {
        input.setValue(value == null ? "" : value);
    }
}
