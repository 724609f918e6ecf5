package dev.mailroom.smtp;

import java.util.List;

/** One problem with the form: which field, and a translation key with its arguments. */
public record FieldProblem(SmtpField field, String messageKey, List<Object> args) {

    public static FieldProblem of(SmtpField field, String messageKey, Object... args) {
        return new FieldProblem(field, messageKey, List.of(args));
    }
}
