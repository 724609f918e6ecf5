package dev.mailroom.smtp.ui;

import com.vaadin.flow.data.binder.Binder;
import com.vaadin.flow.data.binder.ValidationException;

/** Reads a section's record from its binder. */
final class FormRecords {

    private FormRecords() {}

    /** The sections bind plain values without validators: the service validates, so writing cannot fail. */
    static <T> T write(Binder<T> binder) {
        try {
            return binder.writeRecord();
        } catch (ValidationException e) {
            throw new IllegalStateException("a section without validators failed validation", e);
        }
    }
}
