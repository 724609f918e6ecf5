package dev.mailroom.smtp.ui;

import com.vaadin.flow.component.HasValidation;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * A field's place in the form's problem map before the field exists: a problem builds the field so it can be
 * shown beside it; clearing a field that was never built does nothing.
 */
final class LazyValidation implements HasValidation {

    private final Supplier<? extends HasValidation> build;
    private final Supplier<? extends @Nullable HasValidation> ifBuilt;

    /**
     * @param build the field, built if it is not yet
     * @param ifBuilt the field, or null while it is not built
     */
    LazyValidation(Supplier<? extends HasValidation> build, Supplier<? extends @Nullable HasValidation> ifBuilt) {
        this.build = build;
        this.ifBuilt = ifBuilt;
    }

    @Override
    public void setErrorMessage(String errorMessage) {
        build.get().setErrorMessage(errorMessage);
    }

    @Override
    public String getErrorMessage() {
        var field = ifBuilt.get();
        return field == null ? "" : field.getErrorMessage();
    }

    @Override
    public void setInvalid(boolean invalid) {
        if (invalid) {
            build.get().setInvalid(true);
        } else {
            var field = ifBuilt.get();
            if (field != null) {
                field.setInvalid(false);
            }
        }
    }

    @Override
    public boolean isInvalid() {
        var field = ifBuilt.get();
        return field != null && field.isInvalid();
    }
}
